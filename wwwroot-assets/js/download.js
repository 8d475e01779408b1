// Downloads a CSV export while reporting progress to .NET: the response is read as it streams in, its
// rows are counted (line ends outside quoted fields, minus the header) and reported a few times a
// second, and when it is complete it is saved through a temporary <a download> link.
const running = new Map();
const reportEveryMs = 200;
const quote = 0x22;
const lineFeed = 0x0a;

/**
 * @param {string} id - names this download, for cancel(id)
 * @param {string} url - a same-origin export URL
 * @param {object} progress - a DotNetObjectReference with [JSInvokable] Started(total) and Progress(rows)
 * @returns {Promise<{outcome: string, rows?: number, fileName?: string, message?: string}>}
 */
export async function download(id, url, progress) {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    // A redirect means the session ended (the sign-in page), never the file.
    const response = await fetch(url, {
      credentials: "same-origin",
      redirect: "manual",
      signal: controller.signal,
      headers: { Accept: "text/csv, application/problem+json" },
    });
    if (response.type === "opaqueredirect") {
      return { outcome: "signedOut" };
    }
    if (!response.ok) {
      return { outcome: "failed", message: await problemMessage(response) };
    }

    const total = Number(response.headers.get("X-Total-Count") ?? "0");
    const fileName = fileNameOf(response.headers.get("Content-Disposition")) ?? "orders.csv";
    await progress.invokeMethodAsync("Started", total);

    const chunks = [];
    const reader = response.body.getReader();
    let lines = 0;
    let inQuotes = false;
    let reportedAt = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      // UTF-8 never uses these byte values inside a multi-byte character, so bytes can be scanned directly.
      for (let i = 0; i < value.length; i++) {
        if (value[i] === quote) {
          inQuotes = !inQuotes;
        } else if (value[i] === lineFeed && !inQuotes) {
          lines++;
        }
      }
      const now = performance.now();
      if (now - reportedAt >= reportEveryMs) {
        reportedAt = now;
        progress.invokeMethodAsync("Progress", Math.max(0, lines - 1)).catch(() => {});
      }
    }

    const rows = Math.max(0, lines - 1);
    save(new Blob(chunks, { type: "text/csv;charset=utf-8" }), fileName);
    return { outcome: "completed", rows, fileName };
  } catch (error) {
    if (error?.name === "AbortError") {
      return { outcome: "cancelled" };
    }
    return { outcome: "failed", message: `The download stopped: ${error?.message ?? error}` };
  } finally {
    running.delete(id);
  }
}

/** Stops a running download; its download() call then resolves with the outcome "cancelled". */
export function cancel(id) {
  running.get(id)?.abort();
}

function save(blob, fileName) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; release the memory a little later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

function fileNameOf(disposition) {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return match ? match[1] : null;
}

async function problemMessage(response) {
  try {
    const problem = await response.json();
    return problem.detail ?? problem.title ?? `The export failed (${response.status}).`;
  } catch {
    return `The export failed (${response.status}).`;
  }
}
