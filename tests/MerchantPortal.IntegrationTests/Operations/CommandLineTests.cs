using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Operations;

/// <summary>Runs the built app executable with an ops command, as an operator would.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("ops.db");

    [Fact]
    public async Task Migrate_creates_an_up_to_date_database()
    {
        var run = await RunAsync("migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("The database is up to date.", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Create_user_adds_a_merchant_user_to_an_existing_merchant()
    {
        Assert.Equal(0, (await RunAsync("create-merchant", "--name", "Ops Shop", "--currency", "eur")).ExitCode);

        var run = await RunAsync("create-user", "--email", "ops@shop.example", "--role", "Merchant", "--merchant", "Ops Shop", "--name", "Ops Person");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Created Merchant user ops@shop.example.", run.Output, StringComparison.Ordinal);
        Assert.Matches("Password \\(shown once\\): \\S{20}", run.Output);
    }

    [Fact]
    public async Task A_rejected_input_exits_with_1_and_says_why()
    {
        var run = await RunAsync("create-user", "--email", "x@shop.example", "--role", "Owner");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ROLE_INVALID", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_arguments_exit_with_2_and_print_usage()
    {
        var run = await RunAsync("create-user", "--email");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_listen_without_a_valid_secret_exits_with_2_and_says_what_it_needs()
    {
        var run = await RunAsync("webhook-listen", "--port", "4000", "--secret", "not-a-secret");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("webhook-listen needs --port (1-65535) and --secret (whsec_…).", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_api_key_prints_only_the_key_on_standard_output()
    {
        Assert.Equal(0, (await RunAsync("create-merchant", "--name", "Key Shop")).ExitCode);

        var run = await RunAsync("create-api-key", "--merchant", "Key Shop", "--scopes", "orders:read, orders:write", "--name", "ERP",
            "--expires", "2099-01-31");

        Assert.Equal(0, run.ExitCode);
        var key = run.Output.TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', key);
        Assert.True(MerchantPortal.ApiKeys.ApiKeySecret.IsWellFormed(key), $"\"{key}\" is not a key");
        Assert.StartsWith("mp_test_", key, StringComparison.Ordinal);
        Assert.Contains("Created API key \"ERP\" for Key Shop", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_api_key_names_an_unknown_merchant_or_scope_and_exits_with_1()
    {
        Assert.Equal(0, (await RunAsync("create-merchant", "--name", "Scope Shop")).ExitCode);

        var noMerchant = await RunAsync("create-api-key", "--merchant", "Nobody", "--scopes", "orders:read", "--name", "ERP");
        var badScope = await RunAsync("create-api-key", "--merchant", "Scope Shop", "--scopes", "orders:read,orders:delete", "--name", "ERP");
        var missing = await RunAsync("create-api-key", "--merchant", "Scope Shop");

        Assert.Equal(1, noMerchant.ExitCode);
        Assert.Contains("No merchant is named \"Nobody\"", noMerchant.Error, StringComparison.Ordinal);
        Assert.Equal(1, badScope.ExitCode);
        Assert.Contains("API_KEY_SCOPE_UNKNOWN: \"orders:delete\" is not a scope.", badScope.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.All([noMerchant, badScope, missing], run => Assert.Equal("", run.Output));
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        AppCommand.RunAsync(_directory.Path, DatabasePath, args);
}
