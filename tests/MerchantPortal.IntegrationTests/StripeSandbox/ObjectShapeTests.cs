using System.Text.Json;
using Stripe;

namespace MerchantPortal.IntegrationTests.StripeSandbox;

/// <summary>
/// Every object the sandbox returns carries the same top-level fields as Stripe's own example of it
/// (<c>shared/stripe/fixtures3.json</c>), with the same JSON kinds; null on either side matches any kind.
/// </summary>
public sealed class ObjectShapeTests : SandboxTestBase
{
    private static readonly Lazy<JsonElement> Fixtures = new(LoadFixtures);

    [Fact]
    public async Task Sandbox_objects_have_stripe_s_fields_and_kinds()
    {
        var endpoint = await WebhookEndpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = "http://127.0.0.1:9/stripe", EnabledEvents = ["charge.succeeded"], Description = "shape check",
        });
        var customer = await NewCustomerAsync();
        var setup = await SetupIntents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true });
        var payment = await PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 2500, Currency = "usd", Customer = customer.Id, PaymentMethod = setup.PaymentMethodId, Confirm = true,
        });
        var refund = await Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = payment.Id, Amount = 500 });
        var chargeEvent = (await Events.ListAsync(new EventListOptions { Type = "charge.succeeded" })).Data.Single();

        var objects = new (string Resource, string Path)[]
        {
            ("customer", $"/v1/customers/{customer.Id}"),
            ("setup_intent", $"/v1/setup_intents/{setup.Id}"),
            ("payment_method", $"/v1/payment_methods/{setup.PaymentMethodId}"),
            ("payment_intent", $"/v1/payment_intents/{payment.Id}"),
            ("charge", $"/v1/charges/{payment.LatestChargeId}"),
            ("refund", $"/v1/refunds/{refund.Id}"),
            ("event", $"/v1/events/{chargeEvent.Id}"),
            ("webhook_endpoint", $"/v1/webhook_endpoints/{endpoint.Id}"),
        };

        var problems = new List<string>();
        foreach (var (resource, path) in objects)
        {
            var (status, json, _) = await GetAsync(path);
            Assert.Equal(200, status);
            problems.AddRange(Compare(resource, Fixtures.Value.GetProperty("resources").GetProperty(resource), json));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_comparison_notices_missing_extra_and_mistyped_fields()
    {
        using var expected = JsonDocument.Parse("""{"id":"x","amount":1,"livemode":false,"metadata":{},"customer":null}""");
        using var actual = JsonDocument.Parse("""{"id":"y","amount":"1","livemode":true,"metadata":null,"customer":{"id":"cus"},"extra":1}""");

        var problems = Compare("sample", expected.RootElement, actual.RootElement);

        Assert.Equal(["sample.amount is String, Stripe's is Number", "sample has fields Stripe's lacks: extra"], problems);
    }

    private static List<string> Compare(string resource, JsonElement expected, JsonElement actual)
    {
        var problems = new List<string>();
        var expectedFields = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var actualFields = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (var (name, value) in expectedFields)
        {
            if (!actualFields.TryGetValue(name, out var ours))
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Null && ours.ValueKind != JsonValueKind.Null && Kind(value) != Kind(ours))
            {
                problems.Add($"{resource}.{name} is {Kind(ours)}, Stripe's is {Kind(value)}");
            }
        }

        var missing = expectedFields.Keys.Except(actualFields.Keys).Order().ToList();
        var extra = actualFields.Keys.Except(expectedFields.Keys).Order().ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{resource} lacks fields: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            problems.Add($"{resource} has fields Stripe's lacks: {string.Join(", ", extra)}");
        }

        return problems;
    }

    private static string Kind(JsonElement value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : value.ValueKind.ToString();

    /// <summary>CI puts <c>shared/</c> next to the repository: walk up from the test binaries until it is found.</summary>
    private static JsonElement LoadFixtures()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "stripe", "fixtures3.json");
            if (System.IO.File.Exists(candidate))
            {
                using var document = JsonDocument.Parse(System.IO.File.ReadAllText(candidate));
                return document.RootElement.Clone();
            }
        }

        throw new FileNotFoundException($"shared/stripe/fixtures3.json was not found above {AppContext.BaseDirectory}.");
    }
}
