using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using static MerchantPortal.HttpBenchmarks.Format;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// Publishes the app, seeds a fresh SQLite file, runs the published app as its own process in Production and loads it
/// over HTTP from this process; then the same load against the ceiling app (its own process too), and, when asked,
/// reads at a million orders: the API, the Orders grid's queries, the CSV export and the portal in a browser. Last, a
/// first run with demo data on an empty folder. Prints each figure as it comes and a markdown table at the end.
/// </summary>
internal sealed class Harness(HarnessOptions options)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("merchant-portal-http-bench-").FullName;
    private readonly List<(string Figure, string Product, string Ceiling, string Ratio)> _rows = [];

    private string DatabasePath => Path.Combine(_directory, "portal.db");

    private string CeilingDatabasePath => Path.Combine(_directory, "ceiling.db");

    public async Task<int> RunAsync()
    {
        try
        {
            Console.WriteLine($"Merchant Portal HTTP benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"Working folder {_directory}");
            var app = options.App ?? await PublishAsync();

            // Every phase places one order per request; the codes and the balance leave room for a fast machine.
            var codes = Math.Max(10_000, options.Seconds * options.Connections.Length * 1_000);
            var watch = Stopwatch.StartNew();
            var seeded = await Seed.RunAsync(DatabasePath, codes);
            Console.WriteLine($"Seeded a fresh database (migrations, merchant, key item with {codes:N0} codes, API key) in {watch.Elapsed.TotalSeconds:F1} s");
            CopyDatabase(DatabasePath, CeilingDatabasePath);

            var product = new Dictionary<int, LoadResult>();
            var drains = new Dictionary<int, TimeSpan>();
            var cpuPerOrder = new Dictionary<int, TimeSpan?>();
            long? productPeak;
            TimeSpan productStart;
            await using (var server = await StartAppAsync(app))
            {
                productStart = server.Startup;
                Console.WriteLine($"Product started in {Seconds(server.Startup)} (process start to /health 200)");
                await PlaceAsync(server.RootUri, seeded, "warm", options.Connections[0], WarmUp);
                await WaitUntilFulfilledAsync(seeded);
                foreach (var connections in options.Connections)
                {
                    var cpuBefore = server.CpuTime();
                    var result = product[connections] = await PlaceAsync(server.RootUri, seeded, $"p{connections}", connections, TimeSpan.FromSeconds(options.Seconds));
                    Print("Product", result);
                    drains[connections] = await WaitUntilFulfilledAsync(seeded);
                    cpuPerOrder[connections] = (server.CpuTime() - cpuBefore) / Math.Max(1, result.Succeeded);
                    Console.WriteLine($"  every accepted order fulfilled {Seconds(drains[connections])} after the load stopped; " +
                                      $"{CpuMs(cpuPerOrder[connections])} of app CPU per order, placed and fulfilled");
                }

                productPeak = server.PeakResidentBytes();
            }

            var ceiling = new Dictionary<int, LoadResult>();
            var ceilingCpuPerOrder = new Dictionary<int, TimeSpan?>();
            long? ceilingPeak;
            TimeSpan ceilingStart;
            await using (var server = await StartCeilingAsync(seeded))
            {
                ceilingStart = server.Startup;
                Console.WriteLine($"Ceiling started in {Seconds(server.Startup)}");
                await PlaceAsync(server.RootUri, seeded, "cwarm", options.Connections[0], WarmUp);
                foreach (var connections in options.Connections)
                {
                    var cpuBefore = server.CpuTime();
                    var result = ceiling[connections] = await PlaceAsync(server.RootUri, seeded, $"c{connections}", connections, TimeSpan.FromSeconds(options.Seconds));
                    ceilingCpuPerOrder[connections] = (server.CpuTime() - cpuBefore) / Math.Max(1, result.Succeeded);
                    Print("Ceiling", result);
                }

                ceilingPeak = server.PeakResidentBytes();
            }

            _rows.Add(("start → healthy (fresh database)", Seconds(productStart), Seconds(ceilingStart), ""));
            foreach (var connections in options.Connections)
            {
                var (p, c) = (product[connections], ceiling[connections]);
                _rows.Add(($"orders/s, {connections} connections", Count(p.PerSecond), Count(c.PerSecond), $"{p.PerSecond / c.PerSecond:P0}"));
                _rows.Add(($"p50 / p95 / p99, {connections} connections", Percentiles(p), Percentiles(c), ""));
                _rows.Add(($"errors (not 201), {connections} connections", Count(p.Failed), Count(c.Failed), ""));
                _rows.Add(($"all accepted orders fulfilled, after the {connections}-connection load", Seconds(drains[connections]), "(no fulfilment)", ""));
                _rows.Add(($"app CPU per order (placed and fulfilled), {connections} connections", CpuMs(cpuPerOrder[connections]), CpuMs(ceilingCpuPerOrder[connections]), ""));
            }

            _rows.Add(("peak RSS (VmHWM) during the order loads", Megabytes(productPeak), Megabytes(ceilingPeak), ""));
            if (options.Orders > 0)
            {
                await ReadAtScaleAsync(app, seeded);
            }

            Add(await FirstRun.RunAsync(app, RepositoryRoot(), _directory));

            PrintTable();
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (options.Keep)
            {
                Console.WriteLine($"Working folder kept at {_directory}");
            }
            else
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private async Task ReadAtScaleAsync(string app, Seeded seeded)
    {
        var watch = Stopwatch.StartNew();
        var (insert, analyze) = BulkHistory.Run(DatabasePath, seeded.MerchantId, options.Orders);
        var total = CountOrders();
        Console.WriteLine($"Bulk seed: {options.Orders:N0} orders and lines in {Seconds(insert)} ({options.Orders / insert.TotalSeconds:N0} orders/s), " +
                          $"ANALYZE {Seconds(analyze)}; {total:N0} orders in all");
        _rows.Add(($"bulk seed of {options.Orders:N0} orders and lines (app stopped)", Seconds(insert), "", ""));
        _rows.Add(("ANALYZE after the bulk seed", Seconds(analyze), "", ""));

        var (deep, deepCancelled) = DeepCursors(seeded.MerchantId);
        await using var server = await StartAppAsync(app);
        Console.WriteLine($"Product started in {Seconds(server.Startup)} on {total:N0} orders");
        _rows.Add(($"start → healthy ({total:N0} orders)", Seconds(server.Startup), "", ""));
        (string Name, string Path)[] reads =
        [
            ("first page", "api/v1/orders"),
            ("deep page (cursor half-way through the merchant's orders)", $"api/v1/orders?starting_after={deep}"),
            ("first page, status=cancelled", "api/v1/orders?status=cancelled"),
            ("deep page, status=cancelled", $"api/v1/orders?status=cancelled&starting_after={deepCancelled}"),
        ];
        const int readConnections = 8;
        foreach (var (name, path) in reads)
        {
            Console.WriteLine($"GET {path}: {await PageSizeAsync(server.RootUri, seeded.ApiKeySecret, path)}");
            await LoadClient.RunAsync(server.RootUri, seeded.ApiKeySecret, readConnections, TimeSpan.FromSeconds(1), (_, _) => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK);
            var result = await LoadClient.RunAsync(
                server.RootUri, seeded.ApiKeySecret, readConnections, TimeSpan.FromSeconds(options.ReadSeconds), (_, _) => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK);
            Console.WriteLine($"GET {name}: {Count(result.PerSecond)} requests/s, p50 {Ms(result.Percentile(50))}, p99 {Ms(result.Percentile(99))}, " +
                              $"{result.Failed} errors{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}");
            _rows.Add(($"GET {name}, {readConnections} connections: requests/s; p99", $"{Count(result.PerSecond)}/s; {Ms(result.Percentile(99))}" +
                (result.Failed > 0 ? $"; {result.Failed} errors" : ""), "", ""));
        }

        _rows.Add(($"peak RSS (VmHWM) after the API reads at {total:N0} orders", Megabytes(server.PeakResidentBytes()), "", ""));
        Console.WriteLine($"Peak RSS of the app on {total:N0} orders: {Megabytes(server.PeakResidentBytes())}");

        Add(await GridReads.RunAsync(DatabasePath, seeded, TimeSpan.FromSeconds(options.ReadSeconds)));
        var session = await PortalSignIn.SignInAsync(server.RootUri, seeded.UserEmail, seeded.UserPassword);
        Add(await CsvExport.RunAsync(server, session, CountOrders()));
        if (options.BrowserContexts > 0)
        {
            Add(await PortalBrowser.RunAsync(server, seeded, options.BrowserContexts));
        }
    }

    private void Add(IEnumerable<(string Figure, string Value)> rows) => _rows.AddRange(rows.Select(r => (r.Figure, r.Value, "", "")));

    /// <summary>What one request of a read returns, to show that the page holds orders.</summary>
    private static async Task<string> PageSizeAsync(Uri root, string secret, string path)
    {
        using var client = new HttpClient { BaseAddress = root };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{(int)response.StatusCode}";
        }

        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return $"200, {json.RootElement.GetProperty("data").GetArrayLength()} orders, has_more {json.RootElement.GetProperty("has_more").GetBoolean()}";
    }

    private async Task<string> PublishAsync()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(_directory, "app");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine("src", "MerchantPortal.Web"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        Console.WriteLine($"Published src/MerchantPortal.Web (Release) in {Seconds(watch.Elapsed)}");
        _rows.Add(("publish (dotnet publish -c Release)", Seconds(watch.Elapsed), "", ""));
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MerchantPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MerchantPortal.sln not found above the harness; pass --app with a published app instead.");
    }

    /// <summary>
    /// The published app in Production with what Production switches on that a benchmark must not have: the API's rate
    /// limit (25 requests/s per key) raised out of reach, and no demo data, Stripe sandbox or SMTP (balance orders need
    /// none; codes e-mails go to the log). Production sends HSTS but does not redirect to HTTPS, so plain HTTP on loopback works.
    /// </summary>
    private Task<ServerProcess> StartAppAsync(string app) => ServerProcess.StartAsync(
        "dotnet", [Path.Combine(app, "MerchantPortal.Web.dll")], _directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The working folder is the content root, and a content root without the app's wwwroot serves its scripts
            // and styles empty: the browser refuses them and the portal never goes live. The app's own folder has them.
            ["ASPNETCORE_WEBROOT"] = Path.Combine(app, "wwwroot"),
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            ["Database:MigrateOnStartup"] = "true",
            ["Api:RateLimit:PermitsPerSecond"] = "1000000",
            ["Api:RateLimit:Burst"] = "1000000",
            ["Demo:Seed"] = "false",
            ["StripeSandbox:Enabled"] = "false",
            ["Email:Smtp:Host"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });

    private Task<ServerProcess> StartCeilingAsync(Seeded seeded)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        IEnumerable<string> arguments = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? [typeof(Harness).Assembly.Location, CeilingApp.Command]
            : [CeilingApp.Command];
        return ServerProcess.StartAsync(self, arguments, _directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Ceiling:Database"] = CeilingDatabasePath,
            ["Ceiling:MerchantId"] = BulkHistory.Id(seeded.MerchantId),
            ["Ceiling:ApiKey"] = seeded.ApiKeySecret,
        });
    }

    private static Task<LoadResult> PlaceAsync(Uri root, Seeded seeded, string run, int connections, TimeSpan duration) =>
        LoadClient.RunAsync(root, seeded.ApiKeySecret, connections, duration, (c, n) =>
        {
            var reference = $"{run}-{c}-{n}";
            // 5,000 customers: most orders find their customer, the first ones create it.
            var customer = (c * 7_919 + n) % 5_000;
            var body = $"{{\"item_id\":{seeded.ItemId},\"quantity\":1,\"merchant_order_id\":\"{reference}\",\"customer\":{{\"email\":\"customer{customer}@example.com\"}}}}";
            return new HttpRequestMessage(HttpMethod.Post, "api/v1/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }, HttpStatusCode.Created);

    /// <summary>Polls the database (read-only) until no order of the merchant waits for fulfilment; the time from now.</summary>
    private async Task<TimeSpan> WaitUntilFulfilledAsync(Seeded seeded)
    {
        var watch = Stopwatch.StartNew();
        await using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Orders WHERE MerchantId = $m AND Status IN ('Pending', 'Processing')";
        command.Parameters.AddWithValue("$m", BulkHistory.Id(seeded.MerchantId));
        while ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("Orders still unfulfilled ten minutes after the load.");
            }

            await Task.Delay(100);
        }

        return watch.Elapsed;
    }

    /// <summary>Cursors half-way through the merchant's orders, newest first: all of them, and the cancelled ones.</summary>
    private (string All, string Cancelled) DeepCursors(Guid merchantId)
    {
        using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        string Half(string filter)
        {
            using var command = db.CreateCommand();
            command.CommandText = $"""
                SELECT Id FROM Orders WHERE MerchantId = $m {filter} ORDER BY Number DESC
                LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM Orders WHERE MerchantId = $m {filter})
                """;
            command.Parameters.AddWithValue("$m", BulkHistory.Id(merchantId));
            // The API's ids are lower-case Guids.
            return ((string)command.ExecuteScalar()!).ToLowerInvariant();
        }

        return (Half(""), Half("AND Status = 'Cancelled'"));
    }

    private long CountOrders()
    {
        using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Orders";
        return (long)command.ExecuteScalar()!;
    }

    private static void CopyDatabase(string from, string to)
    {
        // The seeding host has closed its connections, so the WAL is checkpointed into the file; copy both to be safe.
        File.Copy(from, to);
        if (File.Exists(from + "-wal"))
        {
            File.Copy(from + "-wal", to + "-wal");
        }
    }

    private static string CpuMs(TimeSpan? cpu) => cpu is { } t ? Ms(t.TotalMilliseconds) : "n/a";

    private static void Print(string server, LoadResult result) =>
        Console.WriteLine($"{server}, {result.Connections} connections, {result.Duration.TotalSeconds:F0} s: {Count(result.PerSecond)} orders/s, " +
                          $"p50 {Ms(result.Percentile(50))}, p95 {Ms(result.Percentile(95))}, p99 {Ms(result.Percentile(99))}, " +
                          $"{result.Succeeded:N0} placed, {result.Failed:N0} errors{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}");

    private void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine("| Figure | Product (published app, Production) | Ceiling (Kestrel + plain SQLite) | Product / ceiling |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (figure, product, ceiling, ratio) in _rows)
        {
            Console.WriteLine($"| {figure} | {product} | {ceiling} | {ratio} |");
        }
    }
}
