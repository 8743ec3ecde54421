// Module hooks of bench/count-modules.mjs (they run on the loader's own thread): the URL of every module loaded.
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, next) {
  const loaded = await next(url, context);
  port.postMessage(url);
  return loaded;
}
