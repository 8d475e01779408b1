namespace MerchantPortal.Web.Api;

/// <summary>Writes an RFC 9457 problem with the API's stable <c>code</c> extension.</summary>
public static class ApiProblemWriter
{
    public static Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = ReasonPhrase(status),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        }).AsTask();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
