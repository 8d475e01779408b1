using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

public sealed class IdempotencyTests : SandboxTestBase
{
    [Fact]
    public async Task Repeating_a_request_with_its_key_returns_the_first_object_and_creates_nothing_new()
    {
        var options = new CustomerCreateOptions { Email = "jenny@example.com", Metadata = new Dictionary<string, string> { ["order_id"] = "3f1c2d" } };
        var key = new RequestOptions { IdempotencyKey = "customer-for-order-3f1c2d" };

        var first = await Customers.CreateAsync(options, key);
        var second = await Customers.CreateAsync(options, key);
        var (status, json, response) = await SendAsync(HttpMethod.Post, "/v1/customers",
            [KeyValuePair.Create("email", "jenny@example.com"), KeyValuePair.Create("metadata[order_id]", "3f1c2d")],
            "customer-for-order-3f1c2d");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(200, status);
        Assert.Equal(first.Id, json.GetProperty("id").GetString());
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single((await Customers.ListAsync()).Data);
        Assert.Single(await EventsOfAsync(first.Id), e => e.Type == "customer.created");
    }

    [Fact]
    public async Task A_replayed_decline_is_the_same_402_for_the_same_intent()
    {
        var customer = await NewCustomerAsync();
        var options = new PaymentIntentCreateOptions
        {
            Amount = 2000, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_chargeDeclined", Confirm = true,
        };
        var key = new RequestOptions { IdempotencyKey = "order-77-payment" };

        var first = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options, key));
        var again = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options, key));

        Assert.Equal(first.StripeError.PaymentIntent.Id, again.StripeError.PaymentIntent.Id);
        Assert.Single((await PaymentIntents.ListAsync(new PaymentIntentListOptions { Customer = customer.Id })).Data);
    }

    [Fact]
    public async Task Reusing_a_key_with_other_parameters_is_an_idempotency_error()
    {
        var key = new RequestOptions { IdempotencyKey = "customer-key" };
        await Customers.CreateAsync(new CustomerCreateOptions { Email = "jenny@example.com" }, key);

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            Customers.CreateAsync(new CustomerCreateOptions { Email = "max@example.com" }, key));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.StartsWith("Keys for idempotent requests can only be used with the same parameters", error.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_refused_for_bad_input_does_not_use_up_its_key()
    {
        var (refused, _, _) = await SendAsync(HttpMethod.Post, "/v1/payment_intents", [KeyValuePair.Create("currency", "usd")], "retry-me");
        var (accepted, json, _) = await SendAsync(HttpMethod.Post, "/v1/payment_intents",
            [KeyValuePair.Create("currency", "usd"), KeyValuePair.Create("amount", "500")], "retry-me");

        Assert.Equal(400, refused);
        Assert.Equal(200, accepted);
        Assert.Equal(500, json.GetProperty("amount").GetInt32());
    }

    /// <summary>
    /// The first request asks to send its body only once the server wants it (<c>Expect: 100-continue</c>). The
    /// server asks for it after claiming the key, and the body then stalls until released, so the first request is
    /// certainly running when the second one arrives.
    /// </summary>
    [Fact]
    public async Task A_second_request_with_a_key_while_the_first_is_running_is_a_409()
    {
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = Sandbox.BaseUri,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.SecretKey);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new StalledFormContent("email=jenny%40example.com&", "name=Jenny", release.Task);
        using var slow = new HttpRequestMessage(HttpMethod.Post, "v1/customers") { Content = body };
        slow.Headers.ExpectContinue = true;
        slow.Headers.Add("Idempotency-Key", "slow-key");

        var running = http.SendAsync(slow);
        await body.Sending.WaitAsync(TimeSpan.FromSeconds(10));
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/v1/customers",
            [KeyValuePair.Create("email", "jenny@example.com"), KeyValuePair.Create("name", "Jenny")], "slow-key");
        release.SetResult();
        using var first = await running;

        Assert.Equal(409, status);
        Assert.Equal("idempotency_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single((await Customers.ListAsync()).Data);
    }

    /// <summary>A form body that sends its first part, then waits for <c>release</c> before the rest.</summary>
    private sealed class StalledFormContent : HttpContent
    {
        private readonly byte[] _first;
        private readonly byte[] _rest;
        private readonly Task _release;
        private readonly TaskCompletionSource _sending = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StalledFormContent(string first, string rest, Task release)
        {
            _first = Encoding.ASCII.GetBytes(first);
            _rest = Encoding.ASCII.GetBytes(rest);
            _release = release;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        /// <summary>Completes when the body starts to be sent (after the server's <c>100 Continue</c>).</summary>
        public Task Sending => _sending.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _sending.TrySetResult();
            await stream.WriteAsync(_first, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await _release.WaitAsync(cancellationToken);
            await stream.WriteAsync(_rest, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _first.Length + _rest.Length;
            return true;
        }
    }
}
