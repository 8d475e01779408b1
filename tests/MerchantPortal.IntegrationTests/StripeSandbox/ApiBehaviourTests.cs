using System.Net;
using System.Text;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class ApiBehaviourTests : SandboxTestBase
{
    [Fact]
    public async Task A_wrong_api_key_is_a_401_naming_only_the_key_s_ends()
    {
        var wrong = new CustomerService(ClientFor(Sandbox, "sk_test_not_the_right_key_9876"));

        var error = await Assert.ThrowsAsync<StripeException>(() => wrong.CreateAsync(new CustomerCreateOptions { Email = "jenny@example.com" }));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.StartsWith("Invalid API Key provided: sk_test_***", error.StripeError.Message, StringComparison.Ordinal);
        Assert.EndsWith("9876", error.StripeError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("right", error.StripeError.Message, StringComparison.Ordinal);
        Assert.Empty((await Customers.ListAsync()).Data);
    }

    [Fact]
    public async Task Requests_without_a_key_or_with_the_publishable_key_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = Sandbox.BaseUri };
        var publishable = new CustomerService(ClientFor(Sandbox, Sandbox.PublishableKey));

        using var response = await anonymous.GetAsync("v1/customers");
        var error = await Assert.ThrowsAsync<StripeException>(() => publishable.ListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("You did not provide an API key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
    }

    [Theory]
    [InlineData("/v1/customers/cus_missing", "No such customer: 'cus_missing'")]
    [InlineData("/v1/payment_methods/pm_missing", "No such PaymentMethod: 'pm_missing'")]
    [InlineData("/v1/setup_intents/seti_missing", "No such setupintent: 'seti_missing'")]
    [InlineData("/v1/payment_intents/pi_missing", "No such payment_intent: 'pi_missing'")]
    [InlineData("/v1/charges/ch_missing", "No such charge: 'ch_missing'")]
    [InlineData("/v1/refunds/re_missing", "No such refund: 're_missing'")]
    [InlineData("/v1/events/evt_missing", "No such event: 'evt_missing'")]
    [InlineData("/v1/webhook_endpoints/we_missing", "No such webhook endpoint: 'we_missing'")]
    public async Task Unknown_ids_are_404_resource_missing(string path, string message)
    {
        var (status, json, _) = await GetAsync(path);

        Assert.Equal(404, status);
        var error = json.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("resource_missing", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("id", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task An_unknown_id_in_a_parameter_names_that_parameter()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd", Customer = "cus_gone" }));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
        Assert.Equal("customer", error.StripeError.Param);
        Assert.Equal("No such customer: 'cus_gone'", error.StripeError.Message);
        Assert.Empty((await PaymentIntents.ListAsync()).Data);
    }

    [Theory]
    [InlineData("currency=usd", "amount", "Missing required param: amount.")]
    [InlineData("amount=ten&currency=usd", "amount", "Invalid integer: ten")]
    [InlineData("amount=1000&currency=xyz", "currency", null)]
    [InlineData("amount=1000&currency=usd&colour=blue", "colour", "Received unknown parameter: colour")]
    [InlineData("amount=1000&currency=usd&confirm=maybe", "confirm", "Invalid boolean: maybe")]
    [InlineData("amount=1000&currency=usd&metadata=oops", "metadata", null)]
    [InlineData("amount=1000&currency=usd&payment_method_types[]=ideal", "payment_method_types[0]", null)]
    [InlineData("amount=1000&currency=usd&amount[x]=1", "amount[x]", null)]
    [InlineData("amount=1000&currency=usd&metadata[order_id][x]=1", "metadata[order_id]", null)]
    [InlineData("amount=1000&currency=usd&return_url=javascript:alert(1)&confirm=true", "return_url", null)]
    [InlineData("amount=1000&currency=usd&expand[]=nothing", "expand", "This property cannot be expanded (nothing).")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string body, string param, string? message)
    {
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync("v1/payment_intents", content);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }

        Assert.Empty((await PaymentIntents.ListAsync()).Data);
    }

    [Theory]
    [InlineData("POST", "/v1/customers", "application/json", "{\"email\":\"jenny@example.com\"}")]
    [InlineData("POST", "/v1/customers", "application/x-www-form-urlencoded", "email[=x&%zz=1")]
    [InlineData("POST", "/v1/customers", "application/x-www-form-urlencoded", "metadata[a]=1&metadata=2")]
    [InlineData("GET", "/v1/customers?limit=1000", null, null)]
    [InlineData("GET", "/v1/customers?limit=2&starting_after=cus_x&ending_before=cus_y", null, null)]
    [InlineData("GET", "/v1/events?type[]=x", null, null)]
    [InlineData("POST", "/v1/payment_methods", "application/x-www-form-urlencoded", "type=card&card[number]=4242424242424242&card[exp_month]=x&card[exp_year]=2040")]
    [InlineData("POST", "/v1/refunds", "application/x-www-form-urlencoded", "amount=-5&payment_intent=pi_x")]
    [InlineData("POST", "/v1/webhook_endpoints", "application/x-www-form-urlencoded", "url=ftp://example.com&enabled_events[]=*")]
    [InlineData("POST", "/v1/webhook_endpoints", "application/x-www-form-urlencoded", "url=http://localhost/hook&enabled_events[]=not an event")]
    public async Task Malformed_requests_are_answered_with_a_stripe_error_not_a_500(string method, string path, string? contentType, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        }

        using var response = await Http.SendAsync(request);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Lists_page_newest_first_with_limit_starting_after_ending_before_and_has_more()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await NewCustomerAsync($"c{i}@example.com")).Id);
        }

        ids.Reverse();

        var first = await Customers.ListAsync(new CustomerListOptions { Limit = 2 });
        var second = await Customers.ListAsync(new CustomerListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });
        var last = await Customers.ListAsync(new CustomerListOptions { Limit = 2, StartingAfter = second.Data[^1].Id });
        var back = await Customers.ListAsync(new CustomerListOptions { Limit = 2, EndingBefore = last.Data[0].Id });
        var all = await Customers.ListAsync();
        var (_, raw, _) = await GetAsync("/v1/customers?limit=1");

        Assert.Equal(ids[..2], first.Data.Select(c => c.Id));
        Assert.True(first.HasMore);
        Assert.Equal(ids[2..4], second.Data.Select(c => c.Id));
        Assert.True(second.HasMore);
        Assert.Equal(ids[4..], last.Data.Select(c => c.Id));
        Assert.False(last.HasMore);
        Assert.Equal(ids[2..4], back.Data.Select(c => c.Id));
        Assert.True(back.HasMore);
        Assert.Equal(ids, all.Data.Select(c => c.Id));
        Assert.False(all.HasMore);
        Assert.Equal("list", raw.GetProperty("object").GetString());
        Assert.Equal("/v1/customers", raw.GetProperty("url").GetString());
        Assert.True(raw.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Expand_embeds_the_objects_behind_ids_in_objects_and_lists()
    {
        var customer = await NewCustomerAsync();
        var card = await SavedCardAsync(customer);
        var paid = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1500, Currency = "usd", Customer = customer.Id, PaymentMethod = card.Id, Confirm = true,
        });

        var expanded = await PaymentIntents.GetAsync(paid.Id, new PaymentIntentGetOptions { Expand = ["latest_charge", "customer", "payment_method"] });
        var listed = await PaymentIntents.ListAsync(new PaymentIntentListOptions { Customer = customer.Id, Expand = ["data.latest_charge.customer"] });

        Assert.Equal(1500, expanded.LatestCharge.Amount);
        Assert.Equal("jenny@example.com", expanded.Customer.Email);
        Assert.Equal("4242", expanded.PaymentMethod.Card.Last4);
        Assert.Equal("jenny@example.com", listed.Data.Single().LatestCharge.Customer.Email);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_echoes_the_api_version()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Add("Stripe-Version", "2026-10-28.endive");

        using var response = await Http.SendAsync(request);

        Assert.StartsWith("req_", response.Headers.GetValues("Request-Id").Single(), StringComparison.Ordinal);
        Assert.Equal("2026-10-28.endive", response.Headers.GetValues("Stripe-Version").Single());
    }

    [Theory]
    [InlineData("GET", "/v1/subscriptions")]
    [InlineData("DELETE", "/v1/customers")]
    [InlineData("PUT", "/v1/payment_intents/pi_123")]
    public async Task Paths_the_sandbox_does_not_serve_are_unrecognized_request_urls(string method, string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')));
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith($"Unrecognized request URL ({method}: {path})", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_refunds_never_refund_more_than_was_paid()
    {
        var customer = await NewCustomerAsync();
        var paid = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 1000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true,
        });

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            try
            {
                await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 100 });
                return true;
            }
            catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.BadRequest)
            {
                return false;
            }
        }));

        Assert.Equal(10, attempts.Count(succeeded => succeeded));
        Assert.Equal(1000, (await Charges.GetAsync(paid.LatestChargeId)).AmountRefunded);
    }
}
