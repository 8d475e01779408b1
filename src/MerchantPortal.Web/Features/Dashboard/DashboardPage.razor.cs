using System.Globalization;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Dashboard;

public sealed partial class DashboardPage
{
    private readonly LineChartOptions _lineOptions = new() { ShowLegend = false, YAxisRequireZeroPoint = true, ShowToolTips = true };
    private UserSummary? _me;
    private MerchantSummary? _merchant;
    private DashboardFigures? _figures;
    private bool _canPlaceOrders;
    private string? _chartCurrency;
    private string[] _labels = [];
    private List<ChartSeries<double>> _orderSeries = [];
    private List<ChartSeries<double>> _revenueSeries = [];

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private UserAdminService UserAdmin { get; set; } = default!;

    [Inject]
    private MerchantService Merchants { get; set; } = default!;

    [Inject]
    private DashboardService Dashboard { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string Greeting
    {
        get
        {
            var hour = Clock.GetLocalNow().Hour;
            var part = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
            var firstName = _me?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return firstName is null ? part : $"{part}, {firstName}";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        var actor = CurrentUser.ToActor(principal);
        _me = await UserAdmin.FindAsync(actor.Id);
        _merchant = actor.MerchantId is { } merchantId ? await Merchants.FindAsync(merchantId) : null;
        _canPlaceOrders = (await Authorization.AuthorizeAsync(principal, Policies.PlaceOrders)).Succeeded;
        _figures = await Dashboard.GetAsync(actor);
        BuildCharts(_figures);
    }

    private void BuildCharts(DashboardFigures figures)
    {
        _labels = [.. figures.Days.Select((d, i) => i % 5 == 0 || i == figures.Days.Count - 1
            ? d.Day.ToString("d MMM", CultureInfo.InvariantCulture) : "")];
        _orderSeries = [new ChartSeries<double> { Name = "Orders", Data = figures.Days.Select(d => (double)d.Orders).ToArray() }];

        // One currency per chart: the merchant's, or for staff the currency with the most revenue.
        _chartCurrency = _merchant?.Currency ?? figures.Days
            .SelectMany(d => d.Revenue)
            .GroupBy(r => r.Key)
            .OrderByDescending(g => g.Sum(r => r.Value))
            .Select(g => g.Key)
            .FirstOrDefault();
        if (_chartCurrency is { } code && Currency.TryGet(code, out var currency))
        {
            _revenueSeries =
            [
                new ChartSeries<double>
                {
                    Name = $"Revenue ({code})",
                    Data = figures.Days.Select(d => (double)new Money(d.Revenue.GetValueOrDefault(code), currency).ToMajor()).ToArray(),
                },
            ];
        }
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Amounts per currency, e.g. "$120.00 · €15.50"; a dash when there are none.</summary>
    private static string AmountsText(IReadOnlyDictionary<string, long> amounts) => amounts.Count == 0
        ? "—"
        : string.Join(" · ", amounts.OrderBy(r => r.Key).Select(r => new Money(r.Value, Currency.Of(r.Key)).ToString()));

    private static string RefundsCaption(int refunds) => refunds switch
    {
        0 => "No refunds",
        1 => "1 refund",
        _ => $"{Count(refunds)} refunds",
    };
}
