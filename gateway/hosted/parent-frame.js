// What both hosted pages (the hosted fields, the wallet simulator) say to the page that frames
// them (served as /hosted/parent-frame.js, an ES module): messages go to the one parent origin
// named in the page's URL, and the page's height is reported as it changes, so the parent can
// size its iframe.

/** The channel to the parent at `parentOrigin`; silent when the page is not in a frame. */
export const connectToParent = (parentOrigin) => {
  const isFramed = window.parent !== window;

  const post = (message) => {
    if (isFramed) window.parent.postMessage(message, parentOrigin);
  };

  let lastHeight = 0;
  const reportHeight = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: "gateway:resize", height });
    }
  };

  /** Says the page is ready (with `message`), then its height, and again whenever it changes. */
  const ready = (message) => {
    new ResizeObserver(reportHeight).observe(document.body);
    post(message);
    reportHeight();
  };

  return { post, ready };
};
