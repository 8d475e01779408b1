using System.Text;

namespace MerchantPortal.Web.Api;

/// <summary>
/// What the portal adds to Scalar's reference page so it meets the portal's accessibility bar: a document language
/// (Scalar's template has none) and theme colours with at least 4.5:1 contrast for the HTTP-method badges and muted text.
/// </summary>
internal static class ApiReferencePage
{
    // Scalar's defaults (e.g. #069061 green, #8e8e8e muted text) sit between 3:1 and 4.5:1 on its light backgrounds. The
    // doubled class outranks Scalar's own `.light-mode` / `.dark-mode` rules whatever order the style sheets load in.
    public const string AccessibleColours = """
        .light-mode.light-mode {
          --scalar-color-2: #595959; --scalar-color-3: #666666;
          --scalar-color-green: #047857; --scalar-color-red: #c40005; --scalar-color-yellow: #8a6a00;
          --scalar-color-blue: #005fa0; --scalar-color-orange: #b93e00; --scalar-color-query: #00676b;
        }
        .dark-mode.dark-mode {
          --scalar-color-3: #a0a0a0; --scalar-color-red: #ff6b6b;
        }
        """;

    private const string HtmlWithoutLanguage = "<html>";
    private const string HtmlInEnglish = "<html lang=\"en\">";

    /// <summary>Gives the HTML page (the reference's root, not its scripts) <c>lang="en"</c>.</summary>
    public static TBuilder WithDocumentLanguage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var page = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context => context.Request.Path.Value?.EndsWith('/') == true
                ? ServeInEnglishAsync(context, page)
                : page(context);
        });
        return builder;
    }

    private static async Task ServeInEnglishAsync(HttpContext context, RequestDelegate page)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await page(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
        {
            var html = Encoding.UTF8.GetString(bytes);
            bytes = Encoding.UTF8.GetBytes(html.Replace(HtmlWithoutLanguage, HtmlInEnglish, StringComparison.Ordinal));
        }

        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    }
}
