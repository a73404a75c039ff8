/** The `workerd` npm package's main export: the path of the runtime's binary for this platform. */
declare module 'workerd' {
  const binaryPath: string;
  export default binaryPath;
}
