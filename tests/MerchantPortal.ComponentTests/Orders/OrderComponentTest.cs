using Bunit;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Orders;

/// <summary>
/// Order pages against the real service layer on a SQLite database (<see cref="CoreTestHost"/>), rendered
/// with the popover, dialog and snackbar providers the layout normally supplies.
/// </summary>
public abstract class OrderComponentTest : PortalComponentTest, IAsyncLifetime
{
    private static readonly Type[] CoreServices =
    [
        typeof(OrderPlacementService), typeof(OrderCancellationService), typeof(MerchantPortal.Payments.CardChargeService), typeof(OrderQueries), typeof(OrderChangeNotifier), typeof(CatalogService), typeof(KeyInventoryService),
        typeof(CustomerService), typeof(LedgerService), typeof(MerchantService), typeof(TimeProvider), typeof(MerchantPortal.Payments.CardService),
        typeof(MerchantPortal.Refunds.RefundService), typeof(MerchantPortal.Fulfilment.FulfilmentRetryService), typeof(MerchantPortal.Support.SupportQueueQueries),
    ];

    protected CoreTestHost Core { get; private set; } = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Core = await CoreTestHost.StartAsync();
        foreach (var type in CoreServices)
        {
            Services.AddSingleton(type, Core.Services.GetRequiredService(type));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Core.DisposeAsync();
    }

    /// <summary>How long to wait for renders driven by debounced searches, the database and the worker; generous for busy machines.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The id of the user the pages are rendered for.</summary>
    protected const string PageUserId = "page-user";

    /// <summary>
    /// Signs in with <paramref name="role"/> (of <paramref name="merchantId"/>) and renders the page inside the MudBlazor providers,
    /// at <paramref name="uri"/> when given (its query feeds <c>[SupplyParameterFromQuery]</c>).
    /// </summary>
    protected IRenderedComponent<IComponent> RenderPage<TPage>(string role, Guid? merchantId, IDictionary<string, object?>? parameters = null, string? uri = null)
        where TPage : IComponent
    {
        SignInAs(role, userId: PageUserId, merchantId: merchantId);
        if (uri is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        }

        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                builder.AddComponentParameter(4, name, value);
            }

            builder.CloseComponent();
        });
    }

    /// <summary>The helper or error line shown under the input with this test id.</summary>
    protected static string MessageFor(IRenderedComponent<IComponent> page, string testId)
    {
        var field = page.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!;
        return field.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    protected static string TextOf(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"[data-testid='{testId}']").TextContent.Trim();
}
