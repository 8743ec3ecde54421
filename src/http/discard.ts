import type { Socket } from 'node:net';

/** How much of a refused body is read and thrown away before the connection is cut. */
export interface DiscardBound {
  bytes: number;
  milliseconds: number;
}

export const DISCARD_BOUND: DiscardBound = { bytes: 16 * 1024 * 1024, milliseconds: 5000 };

const closing = new WeakSet<Socket>();

/**
 * Lets a client that is still writing a refused body (413) read the answer. The answer goes out with
 * `Connection: close`; Node would then destroy the socket as soon as it is flushed, and a client still
 * writing gets a reset (EPIPE) instead of the 413 (curl, which waits for the answer, was never hit).
 * Here the socket only half-closes: the answer and a FIN go out, the rest of the body is read and
 * thrown away until the client stops, and past the bound (bytes or time) the socket is cut.
 */
export function closeAfterDiscarding(socket: Socket, bound: DiscardBound = DISCARD_BOUND): void {
  if (closing.has(socket) || socket.destroyed) return;
  closing.add(socket);
  let seen = 0;
  const cut = () => socket.destroy();
  const timer = setTimeout(cut, bound.milliseconds);
  timer.unref();
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > bound.bytes) cut();
  };
  socket.on('data', onData);
  socket.once('close', () => {
    clearTimeout(timer);
    socket.off('data', onData);
  });
  // Node's HTTP server calls destroySoon() once a `Connection: close` answer is flushed; ending only
  // the writing side keeps the reading side (and the parser, which discards the dumped body) running
  const end = () => {
    socket.end();
    socket.resume();
  };
  Object.defineProperty(socket, 'destroySoon', { value: end, configurable: true, writable: true });
  // the client half-closed or finished: nothing more will come
  socket.once('end', () => socket.destroy());
}
