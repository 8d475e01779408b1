using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

/// <summary>The card form and the 3-D Secure page, driven as a browser would: GET the page, POST the form, follow the redirects.</summary>
public sealed class BrowserFlowTests : SandboxTestBase
{
    private LocalSite _portal = default!;
    private HttpClient _browser = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _portal = await LocalSite.StartAsync();
        _browser = new HttpClient { BaseAddress = Sandbox.BaseUri };
    }

    public override async Task DisposeAsync()
    {
        _browser.Dispose();
        await base.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private string ReturnUrl => _portal.Url("/customers/c-17/cards/saved?tab=cards").ToString();

    private static string NextYear => (DateTime.UtcNow.Year % 100 + 2).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(SetupIntent Intent, string FormPath)> SetupAsync()
    {
        var customer = await NewCustomerAsync();
        var intent = await SetupIntents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, AllowedPaymentMethodTypes = ["card"] });
        var path = QueryHelpers.AddQueryString("sandbox/setup", new Dictionary<string, string?>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = ReturnUrl,
        });
        return (intent, path);
    }

    private Task<HttpResponseMessage> SubmitCardAsync(SetupIntent intent, string number, string expiry, string cvc = "123") =>
        _browser.PostAsync("sandbox/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["return_url"] = ReturnUrl,
            ["number"] = number,
            ["expiry"] = expiry,
            ["cvc"] = cvc,
            ["name"] = "Jenny Rosen",
        }));

    private static Dictionary<string, string> QueryOf(HttpResponseMessage response) =>
        QueryHelpers.ParseQuery(response.RequestMessage!.RequestUri!.Query).ToDictionary(q => q.Key, q => q.Value.ToString());

    [Fact]
    public async Task The_card_form_saves_the_card_and_returns_to_the_portal()
    {
        var (intent, path) = await SetupAsync();

        var form = await _browser.GetStringAsync(path);
        using var returned = await SubmitCardAsync(intent, "4242 4242 4242 4242", $"12 / {NextYear}");

        Assert.Contains("<label for=\"number\">Card number</label>", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"expiry\">", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"cvc\">CVC</label>", form, StringComparison.Ordinal);
        Assert.Contains("4000 0000 0000 9995", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("/customers/c-17/cards/saved", returned.RequestMessage!.RequestUri!.AbsolutePath);
        var query = QueryOf(returned);
        Assert.Equal(("cards", intent.Id, intent.ClientSecret, "succeeded"),
            (query["tab"], query["setup_intent"], query["setup_intent_client_secret"], query["redirect_status"]));
        var saved = await SetupIntents.GetAsync(intent.Id);
        Assert.Equal("succeeded", saved.Status);
        var card = await PaymentMethods.GetAsync(saved.PaymentMethodId);
        Assert.Equal((intent.CustomerId, "4242", "Jenny Rosen"), (card.CustomerId, card.Card.Last4, card.BillingDetails.Name));
    }

    [Theory]
    [InlineData("4242424242424241", "12 / 40", "123", "number", "Your card number is incorrect.")]
    [InlineData("4242424242424242", "13 / 40", "123", "expiry", "Your card&#x27;s expiration month is invalid.")]
    [InlineData("4242424242424242", "12", "123", "expiry", "Your card&#x27;s expiration date is incomplete.")]
    [InlineData("4242424242424242", "12 / 40", "1", "cvc", "Your card&#x27;s security code is invalid.")]
    [InlineData("", "12 / 40", "123", "number", "Your card number is incomplete.")]
    public async Task Invalid_card_details_are_shown_next_to_their_field(string number, string expiry, string cvc, string field, string message)
    {
        var (intent, _) = await SetupAsync();

        using var response = await SubmitCardAsync(intent, number, expiry, cvc);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"id=\"{field}\" name=\"{field}\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-invalid=\"true\" aria-describedby=\"{field}-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"field-error\" id=\"{field}-error\">{message}</p>", html, StringComparison.Ordinal);
        Assert.Equal("requires_payment_method", (await SetupIntents.GetAsync(intent.Id)).Status);
        Assert.Empty((await CustomerPaymentMethods.ListAsync(intent.CustomerId)).Data);
    }

    [Fact]
    public async Task Every_wrong_field_is_marked_at_once()
    {
        var (intent, _) = await SetupAsync();

        using var response = await SubmitCardAsync(intent, "4242424242424241", "13/20", "1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("id=\"number-error\">Your card number is incorrect.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"expiry-error\">Your card&#x27;s expiration month is invalid.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"cvc-error\">Your card&#x27;s security code is invalid.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"4242424242424241\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_card_is_shown_on_the_form_and_the_setup_can_be_retried()
    {
        var (intent, _) = await SetupAsync();

        using var declined = await SubmitCardAsync(intent, "4000000000000002", $"12/{NextYear}");
        var html = await declined.Content.ReadAsStringAsync();
        var failed = await SetupIntents.GetAsync(intent.Id);
        using var retried = await SubmitCardAsync(intent, "5555555555554444", $"12/{NextYear}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, declined.StatusCode);
        Assert.Contains("<div class=\"alert\" role=\"alert\">Your card was declined.</div>", html, StringComparison.Ordinal);
        Assert.Equal("card_declined", failed.LastSetupError.Code);
        Assert.Equal("succeeded", QueryOf(retried)["redirect_status"]);
        Assert.Equal("succeeded", (await SetupIntents.GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task A_3d_secure_card_on_the_form_goes_through_the_challenge_before_returning()
    {
        var (intent, _) = await SetupAsync();

        using var challenge = await SubmitCardAsync(intent, "4000 0025 0000 3155", $"12/{NextYear}");
        var page = await challenge.Content.ReadAsStringAsync();
        using var returned = await _browser.PostAsync(challenge.RequestMessage!.RequestUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["outcome"] = "complete",
        }));

        Assert.StartsWith($"/sandbox/authenticate/{intent.Id}", challenge.RequestMessage.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("Complete authentication", page, StringComparison.Ordinal);
        Assert.Contains("Save the card for later payments", page, StringComparison.Ordinal);
        Assert.Contains("Visa ending in 3155", page, StringComparison.Ordinal);
        Assert.Equal((intent.Id, "succeeded"), (QueryOf(returned)["setup_intent"], QueryOf(returned)["redirect_status"]));
        var saved = await SetupIntents.GetAsync(intent.Id);
        Assert.Equal("succeeded", saved.Status);
        Assert.Equal(intent.CustomerId, (await PaymentMethods.GetAsync(saved.PaymentMethodId)).CustomerId);
    }

    [Theory]
    [InlineData("complete", "succeeded")]
    [InlineData("fail", "failed")]
    public async Task The_3d_secure_page_decides_the_payment_and_returns_to_the_portal(string outcome, string redirectStatus)
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer, "pm_card_authenticationRequired");
        var intent = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 4200, Currency = "eur", Customer = customer.Id, PaymentMethod = card.Id, Confirm = true,
            ReturnUrl = _portal.Url("/orders/3f1c2d/payment").ToString(),
        });

        var page = await _browser.GetStringAsync(intent.NextAction.RedirectToUrl.Url);
        using var returned = await _browser.PostAsync(intent.NextAction.RedirectToUrl.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["outcome"] = outcome,
        }));
        var after = await PaymentIntents.GetAsync(intent.Id);

        Assert.Contains("42.00 EUR", page, StringComparison.Ordinal);
        Assert.Contains("Fail authentication", page, StringComparison.Ordinal);
        Assert.Equal("/orders/3f1c2d/payment", returned.RequestMessage!.RequestUri!.AbsolutePath);
        var query = QueryOf(returned);
        Assert.Equal((intent.Id, intent.ClientSecret, redirectStatus),
            (query["payment_intent"], query["payment_intent_client_secret"], query["redirect_status"]));
        if (outcome == "complete")
        {
            Assert.Equal("succeeded", after.Status);
            var charge = await Charges.GetAsync(after.LatestChargeId);
            Assert.Equal("authenticated", charge.PaymentMethodDetails.Card.ThreeDSecure.Result);
            Assert.Contains("payment_intent.succeeded", (await EventsOfAsync(intent.Id)).Select(e => e.Type));
        }
        else
        {
            Assert.Equal("requires_payment_method", after.Status);
            Assert.Equal("payment_intent_authentication_failure", after.LastPaymentError.Code);
            Assert.Null(after.LatestChargeId);
            Assert.Contains("payment_intent.payment_failed", (await EventsOfAsync(intent.Id)).Select(e => e.Type));
        }

        using var again = await _browser.GetAsync(intent.NextAction.RedirectToUrl.Url);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_return_url_that_is_not_local_is_not_followed()
    {
        var customer = await NewCustomerAsync();
        var intent = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_authenticationRequired", Confirm = true,
            ReturnUrl = "https://portal.example.com/orders/1/payment",
        });

        using var response = await _browser.PostAsync(intent.NextAction.RedirectToUrl.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_secret"] = intent.ClientSecret,
            ["outcome"] = "complete",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sandbox.BaseUri.Host, response.RequestMessage!.RequestUri!.Host);
        Assert.Contains("is not a local address", html, StringComparison.Ordinal);
        Assert.Equal("succeeded", (await PaymentIntents.GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task Pages_refuse_links_with_a_wrong_client_secret()
    {
        var (intent, _) = await SetupAsync();

        using var setup = await _browser.GetAsync($"sandbox/setup?client_secret={intent.Id}_secret_wrong");
        using var challenge = await _browser.GetAsync($"sandbox/authenticate/{intent.Id}?client_secret=nope");

        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }
}
