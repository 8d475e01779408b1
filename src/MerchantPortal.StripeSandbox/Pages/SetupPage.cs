using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.Operations;
using MerchantPortal.StripeSandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>
/// <c>/sandbox/setup?client_secret=seti_…&amp;return_url=…</c>: the card form that stands in for Stripe
/// Elements' <c>confirmSetup</c>. Submitting it creates the payment method and confirms the SetupIntent;
/// a 3-D Secure card continues on the challenge page, a declined card is shown on the form, and success
/// returns to <c>return_url</c> with <c>setup_intent</c>, <c>setup_intent_client_secret</c> and <c>redirect_status</c>.
/// </summary>
internal static class SetupPage
{
    private const string Path = "/sandbox/setup";

    public static void MapSetupPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Show);
        app.MapPost(Path, SubmitAsync);
    }

    private static IResult Show(HttpContext http, SandboxStore store)
    {
        var clientSecret = http.Request.Query["client_secret"].ToString();
        var returnUrl = http.Request.Query["return_url"].ToString();
        return store.Read(context => Find(context.Data, clientSecret) is { } intent
            ? Render(context, intent, returnUrl, new CardForm())
            : Unknown());
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, SandboxStore store, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
        {
            return PageLayout.Message("Nothing was submitted", "Open the card form from your application to save a card.", StatusCodes.Status400BadRequest);
        }

        var fields = await http.Request.ReadFormAsync(http.RequestAborted);
        var clientSecret = fields["client_secret"].ToString();
        var returnUrl = fields["return_url"].ToString();
        var form = CardForm.From(fields);
        var card = form.Validate(clock.GetUtcNow());

        return store.Write(ChangeOrigin.None, change =>
        {
            if (Find(change.Data, clientSecret) is not { } intent)
            {
                return Unknown();
            }

            if (card is null || intent.Status is IntentStatus.Succeeded or IntentStatus.Canceled)
            {
                return Render(change.Render, intent, returnUrl, form);
            }

            var billing = new BillingDetailsRecord(null, null, form.Name.Length == 0 ? null : form.Name, null);
            var paymentMethod = PaymentMethods.Create(change, card, billing, []);
            try
            {
                SetupIntents.Confirm(change, intent, paymentMethod.Id, ReturnUrls.IsHttp(returnUrl) ? returnUrl : null);
            }
            catch (StripeApiException error)
            {
                form.FormError = error.Message;
                return Render(change.Render, intent, returnUrl, form);
            }

            return intent.Status == IntentStatus.RequiresAction
                ? Results.Redirect(change.Render.Urls.Authenticate(intent.Id, intent.ClientSecret))
                : ReturnUrls.Redirect(intent.ReturnUrl, Outcome(intent), "Card saved", "The card was saved.");
        });
    }

    public static Dictionary<string, string?> Outcome(SetupIntentRecord intent) => new()
    {
        ["setup_intent"] = intent.Id,
        ["setup_intent_client_secret"] = intent.ClientSecret,
        ["redirect_status"] = intent.Status == IntentStatus.Succeeded ? "succeeded" : "failed",
    };

    private static SetupIntentRecord? Find(SandboxData data, string clientSecret) =>
        SandboxIds.IdOfClientSecret(clientSecret) is { } id && data.SetupIntents.TryGetValue(id, out var intent) && intent.ClientSecret == clientSecret
            ? intent
            : null;

    private static IResult Render(RenderContext context, SetupIntentRecord intent, string returnUrl, CardForm form)
    {
        switch (intent.Status)
        {
            case IntentStatus.Succeeded:
                return PageLayout.Message("Card already saved", "This card setup has already succeeded; there is nothing more to enter.");
            case IntentStatus.Canceled:
                return PageLayout.Message("Card setup canceled", "This card setup was canceled; start again from your application.");
            case IntentStatus.RequiresAction:
                return Results.Redirect(context.Urls.Authenticate(intent.Id, intent.ClientSecret));
        }

        var customer = intent.Customer is null ? null : context.Data.Customers.GetValueOrDefault(intent.Customer);
        var who = customer is null ? "" : $" for <strong>{PageLayout.Encode(customer.Name ?? customer.Email ?? customer.Id)}</strong>";
        var body = $"""
            <h1>Save a card</h1>
            <p class="lead">Enter a card to keep on file{who}. This page stands in for Stripe's card form; only test cards work here.</p>
            {form.Render(Path, new Dictionary<string, string> { ["client_secret"] = intent.ClientSecret, ["return_url"] = returnUrl }, "Save card")}
            {TestCardList.Render()}
            """;
        return PageLayout.Page("Save a card", body, form.HasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static IResult Unknown() =>
        PageLayout.Message("Link not valid", "This card form link is not valid. Open it again from your application.", StatusCodes.Status404NotFound);
}
