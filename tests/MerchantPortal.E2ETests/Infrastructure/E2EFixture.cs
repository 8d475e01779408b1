using MerchantPortal.Testing;
using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// One running portal (the real app on a loopback port, Development settings, its own SQLite file)
/// and one headless Debian Chromium, shared by the end-to-end tests. Each test gets its own browser
/// context, so cookies never leak between tests.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    private IPlaywright _playwright = default!;

    public E2EFixture()
    {
        // The webhook journey watches a failed attempt being retried, and the API key journey reads the usage of its
        // own calls: both within a journey's patience rather than the production seconds-to-days.
        App.Settings["Webhooks:RetrySchedule:0"] = "00:00:01";
        App.Settings["Webhooks:RetrySchedule:1"] = "00:00:01";
        App.Settings["Webhooks:RetrySchedule:2"] = "00:00:01";
        App.Settings["ApiKeys:UsageFlushInterval"] = "00:00:00.250";
    }

    public PortalAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public Uri RootUri => App.RootUri;

    public async Task InitializeAsync()
    {
        _ = App.RootUri;
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Portal in a browser";
}
