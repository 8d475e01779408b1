using Bunit;
using MerchantPortal.ApiKeys;
using MerchantPortal.Approvals;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Fulfilment;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MerchantPortal.Support;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Support;
using MerchantPortal.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace MerchantPortal.ComponentTests;

/// <summary>
/// Components against the real service layer on a SQLite database (<see cref="CoreTestHost"/>), rendered with
/// the providers the layout normally supplies. The service layer's clock is a <see cref="FakeTimeProvider"/> the
/// test moves, unless a derived base asks for the real clock (pages that poll while work is in progress). With
/// <c>withStripe</c> the service layer talks to its own offline Stripe sandbox (<see cref="CardTestHost"/>), for card payments.
/// </summary>
public abstract class CoreComponentTest(bool realClock = false, bool withStripe = false) : PortalComponentTest, IAsyncLifetime
{
    /// <summary>How long to wait for renders driven by the database and the worker; generous for busy machines.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The id of the user the components are rendered for.</summary>
    protected const string PageUserId = "page-user";

    private static readonly Type[] CoreServices =
    [
        typeof(OrderPlacementService), typeof(OrderCancellationService), typeof(CardChargeService), typeof(OrderQueries), typeof(OrderChangeNotifier),
        typeof(CatalogService), typeof(KeyInventoryService), typeof(CustomerService), typeof(LedgerService), typeof(MerchantService), typeof(CardService),
        typeof(SupportQueueQueries), typeof(ApprovalService), typeof(FulfilmentRetryService), typeof(RefundService), typeof(ApiKeyService),
        typeof(WebhookEndpointService), typeof(WebhookDeliveryService), typeof(OrderReplays), typeof(TimeProvider), typeof(CodeEmailService),
    ];

    /// <summary>The service layer's clock: 22 November 2026, noon UTC, until a test moves it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected CoreTestHost Core { get; private set; } = default!;

    /// <summary>The service layer with its Stripe sandbox, when the test asked for it.</summary>
    protected CardTestHost? CardHost { get; private set; }

    /// <summary>The service layer's connection to the sandbox, which a test can take down (with <c>withStripe</c>).</summary>
    protected UnreliableStripeConnection StripeConnection { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        void Configure(IServiceCollection services)
        {
            if (!realClock)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        }

        if (withStripe)
        {
            CardHost = await CardTestHost.StartAsync(services =>
            {
                Configure(services);
                services.AddSingleton<Stripe.IHttpClient>(StripeConnection);
            });
            Core = CardHost.Core;
        }
        else
        {
            Core = await CoreTestHost.StartAsync(Configure);
        }

        foreach (var type in CoreServices)
        {
            Services.AddSingleton(type, Core.Services.GetRequiredService(type));
        }

        Services.AddScoped<PendingApprovals>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (CardHost is not null)
        {
            await CardHost.DisposeAsync();
        }
        else
        {
            await Core.DisposeAsync();
        }

        StripeConnection.Dispose();
    }

    /// <summary>Renders the component inside the MudBlazor providers; sign in (<see cref="PortalComponentTest.SignInAs"/>) first.</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                builder.AddComponentParameter(4, name, value);
            }

            builder.CloseComponent();
        });
}
