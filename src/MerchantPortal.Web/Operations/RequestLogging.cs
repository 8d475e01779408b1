using System.Diagnostics;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// One log line per request ("GET /orders → 200 in 12 ms"): at Debug in Development, where a newcomer watches the
/// console, and at Information elsewhere for operators.
/// </summary>
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this WebApplication app)
    {
        var level = app.Environment.IsDevelopment() ? LogLevel.Debug : LogLevel.Information;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MerchantPortal.Web.Requests");
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(level))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Log(logger, level, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage("{Method} {Path} → {StatusCode} in {Milliseconds:0} ms")]
    private static partial void Log(ILogger logger, LogLevel level, string method, string path, int statusCode, double milliseconds);
}
