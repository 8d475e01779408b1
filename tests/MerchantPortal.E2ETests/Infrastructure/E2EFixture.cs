namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>
/// The portal and browser shared by the end-to-end journeys: the demo merchants, users and catalog without the
/// month of order history, so it starts quickly; each journey creates the data it needs.
/// </summary>
public sealed class E2EFixture : PortalInBrowserFixture
{
    public E2EFixture()
    {
        // The webhook journey watches a failed attempt being retried, and the API key journey reads the usage of its
        // own calls: both within a journey's patience rather than the production seconds-to-days.
        App.Settings["Webhooks:RetrySchedule:0"] = "00:00:01";
        App.Settings["Webhooks:RetrySchedule:1"] = "00:00:01";
        App.Settings["Webhooks:RetrySchedule:2"] = "00:00:01";
        App.Settings["ApiKeys:UsageFlushInterval"] = "00:00:00.250";
        // The layout journey waits for a closed tab's circuit to be disposed, which the circuit host logs at Debug.
        App.Settings["Logging:Captured:LogLevel:Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost"] = "Debug";
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "Portal in a browser";
}
