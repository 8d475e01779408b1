using System.Globalization;
using MerchantPortal.Web.Components.Layout;
using MerchantPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MerchantPortal.Web.Features.Orders;

public sealed partial class OrdersExport : IAsyncDisposable
{
    private readonly string _downloadId = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _disposed = new();
    private DotNetObjectReference<OrdersExport>? _self;
    private IJSObjectReference? _module;
    private bool _running;
    private bool _perLine;
    private int? _total;
    private int _rows;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserTimeZone BrowserTimeZone { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The filters whose orders are exported.</summary>
    [Parameter, EditorRequired]
    public OrderFilter Filter { get; set; } = OrderFilter.None;

    private string ProgressText => _total is { } total
        ? $"{_rows.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} rows"
        : "Preparing the export…";

    private double Percent => _total is > 0 and var total ? 100d * _rows / total : 0;

    /// <summary>Called from download.js once the server has counted the rows.</summary>
    [JSInvokable]
    public Task Started(int total) => InvokeAsync(() =>
    {
        _total = total;
        StateHasChanged();
    });

    /// <summary>Called from download.js a few times a second with the rows received so far.</summary>
    [JSInvokable]
    public Task Progress(int rows) => InvokeAsync(() =>
    {
        _rows = _total is { } total ? Math.Min(rows, total) : rows;
        StateHasChanged();
    });

    private async Task ExportAsync()
    {
        _running = true;
        _total = null;
        _rows = 0;
        try
        {
            // The dates are the viewer's local days; the export reads them in the zone named in the address.
            var filter = Filter with { TimeZone = Filter.TimeZone ?? await BrowserTimeZone.GetAsync() };
            var parameters = new Dictionary<string, object?>(filter.ToQueryParameters())
            {
                [OrdersExportEndpoint.RowsKey] = _perLine ? OrdersExportEndpoint.RowsPerLine : null,
            };
            var url = Navigation.GetUriWithQueryParameters(Navigation.ToAbsoluteUri(OrdersExportEndpoint.Path.TrimStart('/')).ToString(), parameters);
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
            _self ??= DotNetObjectReference.Create(this);
            // No time limit: a large export takes as long as it takes, and Cancel stops it.
            var result = await _module.InvokeAsync<DownloadResult>("download", _disposed.Token, _downloadId, url, _self);
            Report(result);
        }
        catch (Exception ex) when (ex is JSDisconnectedException || (ex is OperationCanceledException && _disposed.IsCancellationRequested))
        {
            // The page was left or the circuit closed; nobody is waiting for the outcome.
        }
        catch (JSException ex)
        {
            Snackbar.Add($"The export could not start: {ex.Message}", Severity.Error);
        }
        finally
        {
            _running = false;
        }
    }

    private async Task CancelAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("cancel", _downloadId);
        }
    }

    private void Report(DownloadResult result)
    {
        switch (result.Outcome)
        {
            case "completed":
                Snackbar.Add($"Exported {result.Rows.ToString("N0", CultureInfo.InvariantCulture)} {(_perLine ? "order lines" : "orders")} to {result.FileName}.", Severity.Success);
                break;
            case "cancelled":
                Snackbar.Add("The export was cancelled.", Severity.Info);
                break;
            case "signedOut":
                Snackbar.Add("Your session has ended. Sign in again to export.", Severity.Warning);
                break;
            default:
                Snackbar.Add(result.Message ?? "The export failed.", Severity.Error);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_module is not null)
        {
            try
            {
                if (_running)
                {
                    await _module.InvokeVoidAsync("cancel", _downloadId);
                }

                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser has dropped the download with it.
            }
        }

        _self?.Dispose();
        _disposed.Dispose();
    }

    /// <summary>What download.js reports when it is done.</summary>
    internal sealed record DownloadResult(string Outcome, int Rows, string? FileName, string? Message);
}
