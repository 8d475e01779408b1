using System.Buffers;
using System.Text;
using MerchantPortal.Common;
using MerchantPortal.Payments;

namespace MerchantPortal.Web.Features.Payments;

internal static class StripeWebhookEndpoint
{
    /// <summary>Stripe's events are a few KB; a larger body is refused before it is read whole.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// <c>POST /webhooks/stripe</c>: Stripe's events about payments. 400 for a bad signature or a body that is
    /// not an event, 413 for a body over <see cref="MaxBodyBytes"/> (nothing changes in either case), 200 once
    /// handled (also for an event already handled, or about nothing this portal holds), 503 while Stripe cannot
    /// be asked about the event's object, so that Stripe retries it.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", async (HttpRequest request, StripeWebhookProcessor processor, CancellationToken ct) =>
            {
                if (await ReadBodyAsync(request, ct) is not { } payload)
                {
                    return Problem(PaymentErrors.WebhookBodyTooLarge(MaxBodyBytes), StatusCodes.Status413PayloadTooLarge);
                }

                var result = await processor.ProcessAsync(payload, request.Headers["Stripe-Signature"], ct);
                return result.Succeeded
                    ? Results.Ok(new { received = true, duplicate = result.Value == WebhookOutcome.Duplicate })
                    : Problem(result.Error!, result.Error!.Kind == ErrorKind.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("StripeWebhook")
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/> (by its length header, or once that much is read).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), ct)) > 0)
            {
                length += read;
            }

            return length > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Problem(Error error, int status) => Results.Problem(
        title: error.Message,
        statusCode: status,
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}
