using MerchantPortal.E2ETests.Infrastructure;
using MerchantPortal.E2ETests.Pages;
using MerchantPortal.Events;
using MerchantPortal.Identity;
using MerchantPortal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Journeys;

/// <summary>
/// A merchant points Northwind Games' webhooks at its own receiver (on 127.0.0.1, which the Development settings
/// allow) and follows a test event through a failed attempt, the retry (one second apart in these journeys) and a
/// manual resend. The endpoint is deleted at the end, so later journeys' orders are not sent to a receiver that is gone.
/// </summary>
public sealed class WebhookJourneys(E2EFixture fixture) : BrowserTest(fixture)
{
    // Each check after a Refresh is short: the refreshed table answers at once or the next Refresh is due.
    private static readonly LocatorAssertionsToHaveTextOptions Moment = new() { Timeout = 1_000 };

    [Fact]
    public Task A_merchant_adds_an_endpoint_and_a_failed_test_event_is_retried_then_resent_with_the_same_webhook_id() =>
        InBrowserAsync(async page =>
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            receiver.Answer(500, 204, 204);
            var merchant = Fixture.App.DemoUser(Roles.Merchant);
            await new LoginPage(page).SignInAsync(merchant.Email, merchant.Password);
            var webhooks = new WebhooksPage(page);
            await webhooks.GotoAsync();

            await webhooks.AddEndpointAsync(receiver.Url, [IntegrationEventTypes.OrderCreated, IntegrationEventTypes.OrderCompleted],
                IntegrationEventTypes.Subscribable);

            await Expect(webhooks.Secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
            await webhooks.CloseSecretAsync();
            var endpoint = webhooks.Endpoint(receiver.Url);
            await Expect(endpoint.GetByTestId("endpoint-events")).ToHaveTextAsync("order.created, order.completed");
            await Expect(endpoint.GetByTestId("endpoint-state")).ToHaveTextAsync("Active");

            await webhooks.SendTestEventAsync(receiver.Url);
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Test event queued." })).ToBeVisibleAsync();
            var delivery = webhooks.Delivery(IntegrationEventTypes.Test);
            await delivery.ExpandAsync();

            // The receiver answers 500 first: the attempt is recorded and another one scheduled.
            await webhooks.RefreshUntilAsync(async () => await Expect(delivery.AttemptStatuses.First).ToHaveTextAsync("500", Moment));
            await webhooks.RefreshUntilAsync(async () =>
            {
                await Expect(delivery.Status).ToHaveTextAsync("Succeeded", Moment);
                await Expect(delivery.AttemptStatuses).ToHaveTextAsync(["500", "204"], new() { Timeout = 1_000 });
            });
            await Expect(delivery.Root.GetByTestId("delivery-attempts")).ToHaveTextAsync("2");
            await Expect(delivery.Attempts.First.GetByTestId("attempt-response")).ToContainTextAsync("answered 500");

            await delivery.ResendAsync();
            await webhooks.RefreshUntilAsync(async () =>
                await Expect(delivery.AttemptStatuses).ToHaveTextAsync(["500", "204", "204"], new() { Timeout = 1_000 }));
            await Expect(delivery.Status).ToHaveTextAsync("Succeeded");

            // Every attempt, the resend included, carries the delivery's one webhook-id, so a receiver can drop repeats.
            var messageId = (await delivery.MessageId.TextContentAsync())!.Trim();
            Assert.Equal([messageId, messageId, messageId], receiver.Requests.Select(r => r.Id));
            Assert.All(receiver.Requests, r => Assert.Contains(IntegrationEventTypes.Test, r.Body, StringComparison.Ordinal));

            await webhooks.DeleteEndpointAsync(receiver.Url);
        });
}
