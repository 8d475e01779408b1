using MerchantPortal.Payments;

namespace MerchantPortal.Web.Features.Payments;

internal static class StripeWebhookEndpoint
{
    /// <summary>
    /// <c>POST /webhooks/stripe</c>: Stripe's events about payments. 400 for a bad signature (nothing changes),
    /// 200 once handled (also for an event already handled), anything else makes Stripe retry.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", async (HttpRequest request, StripeWebhookProcessor processor, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var payload = await reader.ReadToEndAsync(ct);
                var result = await processor.ProcessAsync(payload, request.Headers["Stripe-Signature"], ct);
                return result.Succeeded
                    ? Results.Ok(new { received = true, duplicate = result.Value == WebhookOutcome.Duplicate })
                    : Results.Problem(
                        title: result.Error!.Message,
                        statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?> { ["code"] = result.Error.Code });
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("StripeWebhook")
            .ExcludeFromDescription();
        return endpoints;
    }
}
