using Microsoft.Data.Sqlite;
using static MerchantPortal.HttpBenchmarks.Format;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// A new user's first run: the README's <c>dotnet run --project src/MerchantPortal.Web</c> runs the app in Development
/// from a folder with no database yet, reading the repository's <c>appsettings.Development.json</c> (demo data on, the
/// Stripe sandbox hosted, the database in <c>App_Data</c>). Here the published app starts in Development with that
/// file in its content root (an empty folder of its own) and nothing else set but its own static files (wwwroot);
/// the time is from starting the process to the first 200 from <c>/health</c>: migrations and the whole demo seed
/// (merchants, users, catalog, a month of history, card orders through the sandbox) happen before the app listens.
/// </summary>
internal static class FirstRun
{
    private const string SettingsFile = "appsettings.Development.json";

    public static async Task<List<(string Figure, string Value)>> RunAsync(string app, string repositoryRoot, string workingDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workingDirectory, "first-run")).FullName;
        File.Copy(Path.Combine(repositoryRoot, SettingsFile), Path.Combine(folder, SettingsFile));
        TimeSpan startup;
        await using (var server = await ServerProcess.StartAsync("dotnet", [Path.Combine(app, "MerchantPortal.Web.dll")], folder,
                         new Dictionary<string, string>
                         {
                             ["ASPNETCORE_ENVIRONMENT"] = "Development",
                             ["ASPNETCORE_WEBROOT"] = Path.Combine(app, "wwwroot"),
                         }))
        {
            startup = server.Startup;
        }

        var (orders, users) = Demo(Path.Combine(folder, "App_Data", "merchant-portal.dev.db"));
        Console.WriteLine($"First run with demo data (Development, empty folder): healthy after {Seconds(startup)}; " +
                          $"{Count(orders)} demo orders and {Count(users)} users in the new database");
        if (orders == 0 || users == 0)
        {
            throw new InvalidOperationException("The first run became healthy without its demo data.");
        }

        return [($"first run with demo data (Development, empty folder): start → healthy ({Count(orders)} demo orders seeded)", Seconds(startup))];
    }

    private static (long Orders, long Users) Demo(string databasePath)
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        long Scalar(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }

        return (Scalar("SELECT COUNT(*) FROM Orders"), Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }
}
