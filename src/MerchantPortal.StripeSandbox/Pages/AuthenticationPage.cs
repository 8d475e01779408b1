using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>
/// <c>/sandbox/authenticate/{intent}?client_secret=…</c>: the 3-D Secure challenge an intent in
/// <c>requires_action</c> redirects to. "Complete authentication" lets the payment (or card setup) succeed,
/// "Fail authentication" fails it; then the browser returns to the intent's <c>return_url</c>.
/// </summary>
internal static class AuthenticationPage
{
    public static void MapAuthenticationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/authenticate/{id}", Show);
        app.MapPost("/sandbox/authenticate/{id}", SubmitAsync);
    }

    private static IResult Show(string id, HttpContext http, SandboxStore store)
    {
        var clientSecret = http.Request.Query["client_secret"].ToString();
        return store.Read(context => Find(context.Data, id, clientSecret) switch
        {
            null => Unknown(),
            var intent when intent.Status != IntentStatus.RequiresAction => NotWaiting(intent.Status),
            var intent => Challenge(context, intent),
        });
    }

    private static async Task<IResult> SubmitAsync(string id, HttpContext http, SandboxStore store)
    {
        if (!http.Request.HasFormContentType)
        {
            return PageLayout.Message("Nothing was submitted", "Choose to complete or fail the authentication.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var clientSecret = form["client_secret"].ToString();
        var completed = form["outcome"].ToString() switch
        {
            "complete" => true,
            "fail" => (bool?)false,
            _ => null,
        };

        return store.Write(ChangeOrigin.None, change =>
        {
            var found = Find(change.Data, id, clientSecret);
            if (found is null)
            {
                return Unknown();
            }

            if (found.Status != IntentStatus.RequiresAction)
            {
                return NotWaiting(found.Status);
            }

            if (completed is null)
            {
                return Challenge(change.Render, found, StatusCodes.Status400BadRequest);
            }

            return found.PaymentIntent is { } paymentIntent
                ? FinishPayment(change, paymentIntent, completed.Value)
                : FinishSetup(change, found.SetupIntent!, completed.Value);
        });
    }

    private static IResult FinishPayment(SandboxChange change, PaymentIntentRecord intent, bool completed)
    {
        PaymentIntents.Authenticate(change, intent, completed);
        var succeeded = intent.Status == IntentStatus.Succeeded;
        return ReturnUrls.Redirect(
            intent.ReturnUrl,
            new Dictionary<string, string?>
            {
                ["payment_intent"] = intent.Id,
                ["payment_intent_client_secret"] = intent.ClientSecret,
                ["redirect_status"] = succeeded ? "succeeded" : "failed",
            },
            succeeded ? "Payment authenticated" : "Authentication failed",
            succeeded ? "The payment succeeded." : "The payment was not authenticated, so it did not go through.");
    }

    private static IResult FinishSetup(SandboxChange change, SetupIntentRecord intent, bool completed)
    {
        SetupIntents.Authenticate(change, intent, completed);
        var succeeded = intent.Status == IntentStatus.Succeeded;
        return ReturnUrls.Redirect(
            intent.ReturnUrl,
            SetupPage.Outcome(intent),
            succeeded ? "Card authenticated" : "Authentication failed",
            succeeded ? "The card was saved." : "The card was not authenticated, so it was not saved.");
    }

    private static IResult Challenge(RenderContext context, WaitingIntent intent, int statusCode = StatusCodes.Status200OK)
    {
        var what = intent.PaymentIntent is { } payment
            ? $"<dt>Amount</dt><dd>{PageLayout.Encode(Currencies.Format(payment.Amount, payment.Currency).ToUpperInvariant())}</dd>"
            : "<dt>Purpose</dt><dd>Save the card for later payments</dd>";
        var card = intent.PaymentMethod is { } paymentMethodId && context.Data.PaymentMethods.TryGetValue(paymentMethodId, out var paymentMethod)
            ? $"<dt>Card</dt><dd>{PageLayout.Encode(CardBrands.Name(paymentMethod.Card.Brand))} ending in {PageLayout.Encode(paymentMethod.Card.Last4)}</dd>"
            : "";
        var body = $"""
            <h1>Authenticate with your bank</h1>
            <p class="lead">Your bank asks you to confirm this. This page stands in for the bank's 3-D Secure challenge.</p>
            <dl>{what}{card}</dl>
            {(statusCode == StatusCodes.Status200OK ? "" : "<div class=\"alert\" role=\"alert\">Choose one of the buttons below.</div>")}
            <form method="post" action="/sandbox/authenticate/{PageLayout.Encode(intent.Id)}">
            <input type="hidden" name="client_secret" value="{PageLayout.Encode(intent.ClientSecret)}">
            <div class="actions">
            <button type="submit" name="outcome" value="complete">Complete authentication</button>
            <button type="submit" name="outcome" value="fail" class="secondary">Fail authentication</button>
            </div>
            </form>
            """;
        return PageLayout.Page("Authenticate", body, statusCode);
    }

    private static WaitingIntent? Find(SandboxData data, string id, string clientSecret)
    {
        if (data.PaymentIntents.TryGetValue(id, out var payment) && payment.ClientSecret == clientSecret)
        {
            return new WaitingIntent(payment.Id, payment.ClientSecret, payment.Status, payment.PaymentMethod, payment, null);
        }

        return data.SetupIntents.TryGetValue(id, out var setup) && setup.ClientSecret == clientSecret
            ? new WaitingIntent(setup.Id, setup.ClientSecret, setup.Status, setup.PaymentMethod, null, setup)
            : null;
    }

    private static IResult NotWaiting(string status) =>
        PageLayout.Message("Nothing to authenticate", $"This is no longer waiting for authentication (its status is {status}).", StatusCodes.Status409Conflict);

    private static IResult Unknown() =>
        PageLayout.Message("Link not valid", "This authentication link is not valid.", StatusCodes.Status404NotFound);

    /// <summary>A PaymentIntent or a SetupIntent, whichever the link names.</summary>
    private sealed record WaitingIntent(
        string Id,
        string ClientSecret,
        string Status,
        string? PaymentMethod,
        PaymentIntentRecord? PaymentIntent,
        SetupIntentRecord? SetupIntent);
}
