// cytoscape-cola ships no types: the extension, registered with `cytoscape.use`.
declare module 'cytoscape-cola' {
  const extension: cytoscape.Ext;
  export default extension;
}
