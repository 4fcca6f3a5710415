/**
 * The function file (manifest FunctionFile). The ribbon button's action is ShowTaskpane, which
 * Office carries out itself, so nothing is registered yet; commands with an ExecuteFunction
 * action will be associated here (Office.actions.associate) once Office is ready.
 */
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady();
}

export {};
