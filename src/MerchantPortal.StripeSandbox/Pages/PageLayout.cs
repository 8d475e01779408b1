using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>The HTML shell of the sandbox's pages: self-contained (inline CSS, no scripts, nothing fetched from elsewhere).</summary>
internal static class PageLayout
{
    private const string Styles = """
        :root { color-scheme: light; --ink: #1a1f36; --muted: #4f566b; --line: #c7ccd6; --accent: #533afd; --error: #b3093c; --ok: #0b7a3e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
        main { max-width: 30rem; margin: 2.5rem auto; padding: 2rem; background: #fff; border: 1px solid var(--line); border-radius: 12px; }
        h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
        .badge { display: inline-block; font-size: .75rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: #7a4a00; background: #fff3d6; border-radius: 4px; padding: .1rem .4rem; }
        p.lead { color: var(--muted); margin-top: .25rem; }
        label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
        input { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: 6px; }
        input:focus, button:focus { outline: 3px solid #a8a0ff; outline-offset: 1px; }
        input[aria-invalid="true"] { border-color: var(--error); }
        .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
        .field-error { color: var(--error); font-size: .9rem; margin: .3rem 0 0; }
        .alert { border: 1px solid var(--error); color: var(--error); background: #fff5f7; border-radius: 6px; padding: .6rem .8rem; margin: 1rem 0; }
        .done { border: 1px solid var(--ok); color: var(--ok); background: #f1fbf5; border-radius: 6px; padding: .6rem .8rem; margin: 1rem 0; }
        button { font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: .7rem 1.2rem; margin-top: 1.5rem; cursor: pointer; color: #fff; background: var(--accent); }
        button.secondary { color: var(--error); background: #fff; border: 1px solid var(--error); }
        .actions { display: flex; gap: .75rem; flex-wrap: wrap; }
        dl { display: grid; grid-template-columns: auto 1fr; gap: .3rem 1rem; } dt { color: var(--muted); } dd { margin: 0; font-weight: 600; }
        table { width: 100%; border-collapse: collapse; font-size: .9rem; margin-top: .5rem; }
        th, td { text-align: left; padding: .35rem .25rem; border-bottom: 1px solid #e3e8ee; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
        details { margin-top: 2rem; color: var(--muted); } summary { cursor: pointer; font-weight: 600; color: var(--ink); }
        """;

    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{Encode(title)} · Stripe sandbox</title>
            <style>{Styles}</style>
            </head>
            <body>
            <main>
            <span class="badge">Test mode · Stripe sandbox</span>
            {body}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>A page that only says something, such as an unknown link.</summary>
    public static IResult Message(string title, string message, int statusCode = StatusCodes.Status200OK) =>
        Page(title, $"<h1>{Encode(title)}</h1><p class=\"lead\">{Encode(message)}</p>", statusCode);

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}
