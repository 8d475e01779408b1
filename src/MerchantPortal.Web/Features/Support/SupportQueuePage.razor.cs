using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Fulfilment;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Support;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MerchantPortal.Web.Features.Refunds;
using MudBlazor;

namespace MerchantPortal.Web.Features.Support;

/// <summary>
/// The support work queue: orders that need a person (retry, refund, mark as dealt with), and the approvals that
/// wait for a second agent. The tab and the filters live in the address, so a view can be shared and reloaded.
/// </summary>
public sealed partial class SupportQueuePage : IDisposable
{
    private const int NeedsAttentionTab = 0;
    private const int ApprovalsTab = 1;

    private static readonly Dictionary<string, object> QueueTableAttributes = new() { ["aria-label"] = "Orders needing attention" };

    // Addresses this page navigated to itself whose echo (the parameters set again) has not come back yet.
    private readonly Queue<string> _ownNavigations = new();

    // Rows and approvals with an action under way, so a double click acts once.
    private readonly HashSet<Guid> _busy = [];
    private MudTable<SupportQueueRow>? _table;
    private Actor? _actor;
    private SupportQueueFilter _filter = SupportQueueFilter.None;
    private int _tab = NeedsAttentionTab;
    private bool _canRetry;
    private bool _canRefund;
    private IReadOnlyList<Approval> _approvals = [];
    private bool _loadingApprovals;
    private IReadOnlyDictionary<Guid, string> _merchantNames = new Dictionary<Guid, string>();
    private DateTime _now;
    private string? _addressError;
    private string? _loadError;
    private string? _lastUri;

    [Inject]
    private SupportQueueQueries Queue { get; set; } = default!;

    [Inject]
    private ApprovalService Approvals { get; set; } = default!;

    [Inject]
    private FulfilmentRetryService Retries { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private PendingApprovals Pending { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = SupportQueueKeys.Tab)]
    private string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = SupportQueueKeys.Merchant)]
    private string? Merchant { get; set; }

    [SupplyParameterFromQuery(Name = SupportQueueKeys.Reason)]
    private string? Reason { get; set; }

    [SupplyParameterFromQuery(Name = SupportQueueKeys.Age)]
    private string? AgeFilter { get; set; }

    [SupplyParameterFromQuery(Name = SupportQueueKeys.Payment)]
    private string? Payment { get; set; }

    /// <summary>Platform staff (no merchant of their own) work across merchants and can narrow to one.</summary>
    private bool IsStaff => _actor is { MerchantId: null };

    private string ApprovalsTabText => $"Approvals ({Pending.Count})";

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _canRetry = (await Authorization.AuthorizeAsync(principal, Policies.RetryFulfilment)).Succeeded;
        _canRefund = (await Authorization.AuthorizeAsync(principal, Policies.RefundOrders)).Succeeded;
        if (IsStaff)
        {
            _merchantNames = (await Merchants.ListAsync()).ToDictionary(m => m.Id, m => m.Name);
        }

        Pending.Changed += OnPendingChanged;
        await Pending.RefreshAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The page's parameters are also set when its layout re-renders; only a new address matters here.
        if (Navigation.Uri == _lastUri)
        {
            return;
        }

        _lastUri = Navigation.Uri;
        if (_ownNavigations.TryPeek(out var own) && own == Navigation.Uri)
        {
            _ownNavigations.Dequeue();
            return;
        }

        _ownNavigations.Clear();
        var parsed = SupportQueueFilter.Parse(Merchant, Reason, AgeFilter, Payment);
        _addressError = parsed.Error?.Message;
        var filter = parsed.Succeeded ? parsed.Value : SupportQueueFilter.None;
        var tab = string.Equals(Tab, SupportQueueKeys.ApprovalsTab, StringComparison.OrdinalIgnoreCase) ? ApprovalsTab : NeedsAttentionTab;
        if (tab != _tab)
        {
            _tab = tab;
            if (tab == ApprovalsTab)
            {
                await LoadApprovalsAsync();
            }
        }

        if (filter != _filter)
        {
            _filter = filter;
            if (_table is not null)
            {
                await _table.ReloadServerData();
            }
        }
    }

    private async Task<TableData<SupportQueueRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Queue.SearchAsync(_filter.ToQuery(state.Page, state.PageSize), _actor!, ct);
        _now = Clock.GetUtcNow().UtcDateTime;
        _loadError = page.Error?.Message;
        return page.Succeeded
            ? new TableData<SupportQueueRow> { Items = page.Value.Items, TotalItems = page.Value.TotalCount }
            : new TableData<SupportQueueRow> { Items = [], TotalItems = 0 };
    }

    private async Task LoadApprovalsAsync()
    {
        _loadingApprovals = true;
        try
        {
            _approvals = await Approvals.ListPendingAsync(_actor!);
            await Pending.RefreshAsync();
        }
        finally
        {
            _loadingApprovals = false;
        }
    }

    private async Task OnFilterChangedAsync(SupportQueueFilter filter)
    {
        _filter = filter;
        _addressError = null;
        NavigateToState();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task OnTabChangedAsync(int tab)
    {
        _tab = tab;
        NavigateToState();
        if (tab == ApprovalsTab)
        {
            await LoadApprovalsAsync();
        }
    }

    /// <summary>Puts the tab and the filters in the address, replacing the entry (filters are not steps back).</summary>
    private void NavigateToState()
    {
        var parameters = new Dictionary<string, object?>(_filter.ToQueryParameters())
        {
            [SupportQueueKeys.Tab] = _tab == ApprovalsTab ? SupportQueueKeys.ApprovalsTab : null,
        };
        var uri = Navigation.GetUriWithQueryParameters(parameters);
        if (uri != Navigation.Uri)
        {
            _ownNavigations.Enqueue(uri);
            Navigation.NavigateTo(uri, replace: true);
        }
    }

    private async Task RetryAsync(SupportQueueRow row)
    {
        var units = row.RemainingUnits == 1 ? "1 undelivered unit" : $"{row.RemainingUnits} undelivered units";
        if (!await Dialogs.ConfirmAsync("Retry fulfilment?", $"The {units} of {row.Reference} go back to fulfilment.", "Retry fulfilment"))
        {
            return;
        }

        await ActAsync(row.OrderId, async () =>
        {
            var retried = await Retries.RetryAsync(row.OrderId, _actor!);
            Report(retried.Error, $"Fulfilment of {row.Reference} is being retried.");
        });
    }

    /// <summary>The same refund dialog as on the order page, opened over the queue.</summary>
    private async Task RefundAsync(SupportQueueRow row) => await ActAsync(row.OrderId, async () =>
    {
        if (await Dialogs.ShowRefundDialogAsync(row.OrderId) is { } requested)
        {
            Snackbar.AddRefundOutcome(requested.Refund);
        }
    });

    private async Task ClearFlagAsync(SupportQueueRow row)
    {
        var reason = ReasonText.Of(row.Reason);
        if (!await Dialogs.ConfirmAsync("Mark as dealt with?",
                $"“{reason}” on {row.Reference} is cleared, and the audit log records that you dealt with it. {row.ReasonText}", "Mark as dealt with"))
        {
            return;
        }

        await ActAsync(row.OrderId, async () =>
        {
            var cleared = await Queue.ClearFlagAsync(row.OrderId, _actor!);
            Report(cleared.Error, $"{row.Reference} is marked as dealt with.");
        });
    }

    private async Task ApproveAsync(Approval approval)
    {
        if (!await Dialogs.ConfirmAsync("Approve?", approval.Summary, "Approve"))
        {
            return;
        }

        await ActAsync(approval.Id, async () =>
        {
            var approved = await Approvals.ApproveAsync(approval.Id, _actor!);
            Report(approved.Error, $"Approved: {approval.Summary}");
        });
    }

    private async Task RejectAsync(Approval approval)
    {
        var dialog = await Dialogs.ShowAsync<RejectApprovalDialog>("Reject?",
            new DialogParameters<RejectApprovalDialog> { { d => d.Summary, approval.Summary } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string note })
        {
            return;
        }

        await ActAsync(approval.Id, async () =>
        {
            var rejected = await Approvals.RejectAsync(approval.Id, note, _actor!);
            Report(rejected.Error, $"Rejected: {approval.Summary}");
        });
    }

    /// <summary>Runs an action once at a time per row, then reloads both lists: an approval changes the queue and the other way round.</summary>
    private async Task ActAsync(Guid id, Func<Task> action)
    {
        if (!_busy.Add(id))
        {
            return;
        }

        try
        {
            await action();
        }
        finally
        {
            _busy.Remove(id);
        }

        if (_table is not null)
        {
            await _table.ReloadServerData();
        }

        await LoadApprovalsAsync();
    }

    private void Report(Error? error, string success) =>
        Snackbar.Add(error?.Message ?? success, error is null ? Severity.Success : Severity.Error);

    private void OnPendingChanged() => _ = InvokeAsync(StateHasChanged);

    private string Age(DateTime createdAtUtc) => SupportQueueDisplay.Elapsed(_now - createdAtUtc);

    private static string OrderHref(Guid orderId) => $"/orders/{orderId}";

    /// <summary>The order page opens its refund dialog when its address asks for it.</summary>


    public void Dispose() => Pending.Changed -= OnPendingChanged;
}
