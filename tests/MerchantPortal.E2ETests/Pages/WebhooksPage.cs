using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>The webhooks console at /webhooks: the endpoints, the once-shown signing secret and an endpoint's deliveries.</summary>
public sealed class WebhooksPage(IPage page)
{
    public ILocator AddButton => page.GetByTestId("add-endpoint");

    // MudDialog puts the test id on its content; the actions sit beside it in the dialog.
    public ILocator SecretDialog => page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("webhook-secret-dialog") });

    public ILocator Secret => SecretDialog.GetByTestId("webhook-secret");

    public ILocator Deliveries => page.GetByTestId("webhook-deliveries");

    public async Task GotoAsync()
    {
        await page.GotoAsync("webhooks");
        await new ShellPage(page).WaitUntilInteractiveAsync();
    }

    /// <summary>Adds an endpoint subscribed to exactly these events and waits for the dialog that shows its signing secret.</summary>
    public async Task AddEndpointAsync(string url, IReadOnlyCollection<string> events, IEnumerable<string> allEvents)
    {
        await AddButton.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("endpoint-dialog") });
        await dialog.GetByTestId("endpoint-url-input").FillAsync(url);
        foreach (var type in allEvents)
        {
            await dialog.GetByTestId($"endpoint-event-{type}").SetCheckedAsync(events.Contains(type));
        }

        await dialog.GetByTestId("endpoint-save").ClickAsync();
        await Expect(Secret).ToBeVisibleAsync();
    }

    public async Task CloseSecretAsync()
    {
        await SecretDialog.GetByTestId("webhook-secret-done").ClickAsync();
        await Expect(SecretDialog).ToBeHiddenAsync();
    }

    public ILocator Endpoint(string url) =>
        page.GetByTestId("webhook-endpoints").Locator("tbody tr").Filter(new() { Has = page.GetByTestId("endpoint-url").GetByText(url, new() { Exact = true }) });

    public async Task SendTestEventAsync(string url) => await Endpoint(url).GetByTestId("endpoint-test").ClickAsync();

    /// <summary>Deletes the endpoint through the confirmation dialog and waits until it is gone from the list.</summary>
    public async Task DeleteEndpointAsync(string url)
    {
        await Endpoint(url).GetByTestId("endpoint-delete").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(Endpoint(url)).ToHaveCountAsync(0);
    }

    /// <summary>The (only) delivery of an event type, such as <c>test.ping</c>.</summary>
    public WebhookDeliveryRow Delivery(string eventType) =>
        new(Deliveries.Locator("tbody tr").Filter(new() { Has = page.GetByTestId("delivery-event").GetByText(eventType, new() { Exact = true }) }));

    /// <summary>
    /// The console shows deliveries as they were when loaded; attempts made in the background appear on Refresh. Clicks
    /// Refresh until the expectation holds (each check waits a moment for the reloaded table) or the timeout passes.
    /// </summary>
    public async Task RefreshUntilAsync(Func<Task> expectation, float timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            await Deliveries.GetByTestId("deliveries-refresh").ClickAsync();
            try
            {
                await expectation();
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Not yet: the next attempt is still scheduled or running.
            }
        }
    }
}

/// <summary>One delivery in an endpoint's deliveries, and its attempts once expanded.</summary>
public sealed class WebhookDeliveryRow(ILocator row)
{
    public ILocator Root => row;

    public ILocator Status => row.GetByTestId("delivery-status");

    public ILocator MessageId => row.GetByTestId("delivery-message-id");

    // The attempts are a child row right after the delivery's own row.
    public ILocator Attempts => row.Locator("xpath=following-sibling::tr[1]").GetByTestId("delivery-attempt");

    public ILocator AttemptStatuses => Attempts.Locator("[data-testid='attempt-status']");

    public async Task ExpandAsync()
    {
        await row.GetByTestId("delivery-expand").ClickAsync();
        await Expect(row.GetByTestId("delivery-expand")).ToHaveAttributeAsync("aria-expanded", "true");
    }

    public async Task ResendAsync() => await row.GetByTestId("delivery-resend").ClickAsync();
}
