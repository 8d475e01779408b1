using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Infrastructure;

/// <summary>Base of the browser journeys: a fresh browser context per journey on the shared portal (<see cref="BrowserSession"/>).</summary>
[Collection(E2ECollection.Name)]
public abstract class BrowserTest(E2EFixture fixture)
{
    protected E2EFixture Fixture { get; } = fixture;

    protected Task InBrowserAsync(Func<IPage, Task> journey, [CallerMemberName] string name = "") =>
        BrowserSession.RunAsync(Fixture.Browser, Fixture.RootUri, journey, name);
}
