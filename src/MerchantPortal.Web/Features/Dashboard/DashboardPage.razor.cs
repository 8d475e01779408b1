using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Dashboard;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MerchantPortal.Web.Features.Dashboard;

public sealed partial class DashboardPage : IDisposable
{
    private static readonly int[] Presets = [7, 30, 90];
    private readonly LineChartOptions _lineOptions = new() { ShowLegend = true, YAxisRequireZeroPoint = true, ShowToolTips = true };
    private Actor _actor = default!;
    private DateRange? _range;
    private string? _periodError;
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

    [Inject]
    private BrowserTimeZone TimeZone { get; set; } = default!;

    private TimeZoneInfo Zone => TimeZone.Zone ?? TimeZoneInfo.Utc;

    /// <summary>The viewer's wall clock: now in their browser's zone (UTC until it is known), not the server's.</summary>
    private DateTime ViewerNow => TimeZoneInfo.ConvertTimeFromUtc(Clock.GetUtcNow().UtcDateTime, Zone);

    private DateOnly Today => DateOnly.FromDateTime(ViewerNow);

    private DashboardPeriod Period => _figures?.Period ?? DashboardPeriod.LastDays(Today, 30);

    private string PeriodLabel => Presets.FirstOrDefault(IsPreset) is var days and > 0
        ? $"last {days} days"
        : $"{Period.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {Period.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The currencies with revenue in the period or the one before, the merchant's own first.</summary>
    private IReadOnlyList<string> RevenueCurrencies => _figures is null ? [] :
        [.. _figures.Totals.Revenue.Keys.Union(_figures.PreviousTotals.Revenue.Keys)
            .OrderBy(c => c == _merchant?.Currency ? 0 : 1).ThenByDescending(c => _figures.Totals.Revenue.GetValueOrDefault(c)).ThenBy(c => c)];

    private string Greeting
    {
        get
        {
            var hour = ViewerNow.Hour;
            var part = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
            var firstName = _me?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return firstName is null ? part : $"{part}, {firstName}";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _actor = CurrentUser.ToActor(principal);
        _me = await UserAdmin.FindAsync(_actor.Id);
        _merchant = _actor.MerchantId is { } merchantId ? await Merchants.FindAsync(merchantId) : null;
        _canPlaceOrders = (await Authorization.AuthorizeAsync(principal, Policies.PlaceOrders)).Succeeded;
        TimeZone.Changed += OnTimeZoneKnown;
        await LoadAsync(DashboardPeriod.LastDays(Today, 30));
    }

    public void Dispose() => TimeZone.Changed -= OnTimeZoneKnown;

    // The days are the viewer's: once the browser's zone is known, the same preset is read again in it.
    private void OnTimeZoneKnown() => InvokeAsync(async () =>
    {
        var preset = Presets.FirstOrDefault(IsPreset);
        await LoadAsync(preset > 0 ? DashboardPeriod.LastDays(Today, preset) : Period);
        StateHasChanged();
    });

    private bool IsPreset(int days) => _figures?.Period is { } period && period.Days == days && period.To == Today;

    private Task SetLastDaysAsync(int days) => LoadAsync(DashboardPeriod.LastDays(Today, days));

    private async Task OnRangeChangedAsync(DateRange? range)
    {
        if (range?.Start is not { } start || range.End is not { } end)
        {
            return;
        }

        await LoadAsync(new DashboardPeriod(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end)));
    }

    private async Task LoadAsync(DashboardPeriod period)
    {
        var figures = await Dashboard.GetAsync(_actor, period, Zone);
        _periodError = figures.Error?.Message;
        if (!figures.Succeeded)
        {
            return;
        }

        _figures = figures.Value;
        _range = new DateRange(period.From.ToDateTime(TimeOnly.MinValue), period.To.ToDateTime(TimeOnly.MinValue));
        // The chart shows one currency: the one already chosen if it still has figures, else the first.
        _chartCurrency = RevenueCurrencies.Contains(_chartCurrency ?? "") ? _chartCurrency : RevenueCurrencies.Count > 0 ? RevenueCurrencies[0] : null;
        BuildCharts(_figures);
    }

    private void OnChartCurrencyChanged(string code)
    {
        _chartCurrency = code;
        BuildCharts(_figures!);
    }

    private void BuildCharts(DashboardFigures figures)
    {
        var step = Math.Max(1, figures.Days.Count / 6);
        _labels = [.. figures.Days.Select((d, i) => i % step == 0 || i == figures.Days.Count - 1
            ? d.Day.ToString("d MMM", CultureInfo.InvariantCulture) : "")];
        _orderSeries =
        [
            new ChartSeries<double> { Name = "This period", Data = figures.Days.Select(d => (double)d.Orders).ToArray() },
            new ChartSeries<double> { Name = "Previous period", Data = figures.PreviousDays.Select(d => (double)d.Orders).ToArray() },
        ];

        _revenueSeries = [];
        if (_chartCurrency is { } code && Currency.TryGet(code, out var currency))
        {
            double Major(DailyFigures day) => (double)new Money(day.Revenue.GetValueOrDefault(code), currency).ToMajor();
            _revenueSeries =
            [
                new ChartSeries<double> { Name = "This period", Data = figures.Days.Select(Major).ToArray() },
                new ChartSeries<double> { Name = "Previous period", Data = figures.PreviousDays.Select(Major).ToArray() },
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
