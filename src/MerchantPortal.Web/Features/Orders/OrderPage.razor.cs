using MerchantPortal.Auditing;
using MerchantPortal.Fulfilment;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Support;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// One order in full. It follows the order live: changes made in this app instance arrive through
/// <see cref="OrderChangeNotifier"/> at once, and while the order is still in progress the page also
/// polls, which picks up work done by other instances.
/// </summary>
public sealed partial class OrderPage : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private Actor _actor = default!;
    private OrderDetails? _details;
    private Guid? _loadedId;
    private Task? _polling;
    private bool _loaded;
    private bool _isStaff;
    private bool _busy;
    private bool _subscribed;
    private bool _openRefund;
    private OrderPermissions _can;

    [Parameter]
    public Guid Id { get; set; }

    /// <summary><c>?refund=open</c> opens the refund dialog once the order is shown (the support queue links so).</summary>
    [SupplyParameterFromQuery(Name = "refund")]
    public string? RefundQuery { get; set; }

    [Inject]
    private OrderQueries Orders { get; set; } = default!;

    [Inject]
    private OrderCancellationService Cancellation { get; set; } = default!;

    [Inject]
    private FulfilmentRetryService FulfilmentRetries { get; set; } = default!;

    [Inject]
    private SupportQueueQueries SupportQueue { get; set; } = default!;

    [Inject]
    private CardChargeService CardCharges { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private OrderChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _isStaff = _actor.MerchantId is null;
        _can = await OrderPermissions.ForAsync(Authorization, principal);
        _openRefund = string.Equals(RefundQuery, "open", StringComparison.OrdinalIgnoreCase);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId != Id)
        {
            _loaded = false;
            _loadedId = Id;
            _details = await Orders.GetAsync(Id, _actor, _stop.Token);
            _loaded = true;
            StartPollingIfInProgress();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only a live circuit follows the order, or opens a dialog; a prerendered page is thrown away.
        if (firstRender)
        {
            Notifier.OrderChanged += OnOrderChanged;
            _subscribed = true;
            StartPollingIfInProgress();
        }

        if (_openRefund && _loaded)
        {
            _openRefund = false;
            await OpenRefundFromLinkAsync();
        }
    }

    private void OnOrderChanged(Guid orderId)
    {
        if (orderId == Id)
        {
            // Raised on the thread that changed the order; the reload runs on the circuit's.
            _ = InvokeAsync(ReloadSafelyAsync);
        }
    }

    private void StartPollingIfInProgress()
    {
        if (_subscribed && _details is { } details && !details.Order.Status.IsTerminal() && _polling is null or { IsCompleted: true })
        {
            _polling = PollAsync(_stop.Token);
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval, Clock);
        while (_details is { } details && !details.Order.Status.IsTerminal() && await timer.WaitForNextTickAsync(ct))
        {
            await InvokeAsync(ReloadSafelyAsync);
        }
    }

    private async Task ReloadSafelyAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await ReloadAsync();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page was closed while reading.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ReloadAsync()
    {
        var id = Id;
        var fresh = await Orders.GetAsync(id, _actor, _stop.Token);
        if (id != Id)
        {
            // The page moved on to another order meanwhile.
            return;
        }

        // Reloads from the notifier and the poll can finish out of order; never go back to an older state.
        if (fresh is null || _details is null || fresh.Order.Id != _details.Order.Id || fresh.Order.Version >= _details.Order.Version)
        {
            _details = fresh;
            StateHasChanged();
        }

        StartPollingIfInProgress();
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Notifier.OrderChanged -= OnOrderChanged;
        }

        _stop.Cancel();
        _stop.Dispose();
    }
}
