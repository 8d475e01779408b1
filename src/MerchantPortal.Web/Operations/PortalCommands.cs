using System.Globalization;
using System.Security.Cryptography;
using MerchantPortal.ApiKeys;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Webhooks;
using Microsoft.Extensions.Logging.Console;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// Operator commands run by the same executable instead of the web server:
/// <c>migrate</c>, <c>create-merchant</c>, <c>create-user</c>, <c>create-api-key</c>, <c>credit-balance</c>, <c>import-codes</c>,
/// <c>webhook-listen</c>. Exit code 0 on success, 1 on a
/// rejected input, 2 on a usage error.
/// </summary>
internal static class PortalCommands
{
    private const string Usage = """
        Usage:
          migrate
              Apply pending database migrations.
          create-merchant --name <name> [--currency <ISO 4217, default USD>]
              Create a merchant account.
          create-user --email <email> --role <Merchant|Support|Admin> [--merchant <merchant name>]
                      [--name <display name>] [--password <password>]
              Create a user. Without --password a strong password is generated and printed once.
          create-api-key --merchant <merchant name> --scopes <scope,scope,…> --name <key name> [--expires <yyyy-mm-dd>]
              Create an API key and print it once, alone on standard output (KEY=$(… create-api-key …)).
              Scopes: orders:read, orders:write, refunds:write, catalog:read, balance:read, webhooks:write.
              The key expires at 00:00 UTC on the --expires date.
          credit-balance --merchant <merchant name> --amount <major units, e.g. 250.00> --reason <text>
                         [--reference <text>] [--confirm-amount <the same amount>]
              Credit the merchant's prepaid balance: an audited ledger entry. The same --reference books once, however
              often it is run. Amounts above the confirmation limit (Ledger:ConfirmAboveMinor) need --confirm-amount.
          import-codes --item <catalog item id> --file <codes.csv>
              Add key codes to an item from a UTF-8 text file: one code per line, or a CSV's first column.
              Duplicates are reported and skipped; a file with an invalid row adds nothing.
          webhook-listen --port <port> --secret <whsec_…>
              Receive webhooks on 127.0.0.1:<port>, verify their signatures and print them, until Ctrl+C.
        """;

    private static readonly string[] Commands = ["migrate", "create-merchant", "create-user", "create-api-key", "credit-balance", "import-codes", "webhook-listen", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>When a command runs, logs go to standard error, so standard output carries only what the command prints.</summary>
    public static WebApplicationBuilder AddPortalCommands(this WebApplicationBuilder builder, string[] args)
    {
        if (IsCommand(args))
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = CommandOptions.Parse(args.Skip(1));
        if (options is null)
        {
            return Fail(2, Usage);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (args[0])
        {
            case "migrate":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                Console.WriteLine("The database is up to date.");
                return 0;
            case "create-merchant":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return await CreateMerchantAsync(services, options);
            case "create-user":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return await CreateUserAsync(services, options);
            case "webhook-listen":
                return await ListenAsync(options);
            case "create-api-key":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return await CreateApiKeyAsync(services, options);
            case "credit-balance":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return await CreditBalanceCommand.RunAsync(services, options, Usage);
            case "import-codes":
                await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return await ImportCodesCommand.RunAsync(services, options, Usage);
            default:
                Console.WriteLine(Usage);
                return 0;
        }
    }

    private static async Task<int> CreateMerchantAsync(IServiceProvider services, CommandOptions options)
    {
        if (options.Get("name") is not { } name)
        {
            return Fail(2, "create-merchant needs --name.\n\n" + Usage);
        }

        var result = await services.GetRequiredService<MerchantService>()
            .CreateAsync(new CreateMerchant(name, options.Get("currency") ?? "USD"), Actor.System);
        if (!result.Succeeded)
        {
            return Reject(result.Error!);
        }

        Console.WriteLine($"Created merchant {result.Value.Name} ({result.Value.Currency}), id {result.Value.Id}.");
        return 0;
    }

    private static async Task<int> CreateUserAsync(IServiceProvider services, CommandOptions options)
    {
        if (options.Get("email") is not { } email || options.Get("role") is not { } role)
        {
            return Fail(2, "create-user needs --email and --role.\n\n" + Usage);
        }

        Guid? merchantId = null;
        if (options.Get("merchant") is { } merchantName)
        {
            var merchant = await services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName);
            if (merchant is null)
            {
                return Reject(new Error(UserErrors.MerchantNotFound.Code, $"No merchant is named \"{merchantName}\"."));
            }

            merchantId = merchant.Id;
        }

        var generated = options.Get("password") is null;
        var password = options.Get("password") ?? GeneratePassword();
        var result = await services.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser(email, options.Get("name") ?? email, role, merchantId, password), Actor.System);
        if (!result.Succeeded)
        {
            return Reject(result.Error!);
        }

        Console.WriteLine($"Created {result.Value.Role} user {result.Value.Email}.");
        if (generated)
        {
            Console.WriteLine($"Password (shown once): {password}");
        }

        return 0;
    }

    private static async Task<int> ListenAsync(CommandOptions options)
    {
        if (!int.TryParse(options.Get("port"), out var port) || port is < 1 or > 65535
            || options.Get("secret") is not { } secret || !secret.StartsWith(WebhookSecrets.Prefix, StringComparison.Ordinal)
            || !Convert.TryFromBase64String(secret[WebhookSecrets.Prefix.Length..], new byte[secret.Length], out _))
        {
            return Fail(2, "webhook-listen needs --port (1-65535) and --secret (whsec_…).\n\n" + Usage);
        }

        Console.OutputEncoding = System.Text.Encoding.UTF8;
        await using var listener = await WebhookListener.StartAsync(port, secret, Console.Out);
        Console.WriteLine($"Listening for webhooks on {listener.Address} (any path). Press Ctrl+C to stop.");
        await listener.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> CreateApiKeyAsync(IServiceProvider services, CommandOptions options)
    {
        if (options.Get("merchant") is not { } merchantName || options.Get("scopes") is not { } scopes || options.Get("name") is not { } name)
        {
            return Fail(2, "create-api-key needs --merchant, --scopes and --name.\n\n" + Usage);
        }

        DateTime? expires = null;
        if (options.Get("expires") is { } expiresText)
        {
            if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Reject(ApiKeyErrors.ExpiryInvalid(expiresText));
            }

            expires = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        var merchant = await services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName);
        if (merchant is null)
        {
            return Reject(new Error(ApiKeyErrors.MerchantNotFound.Code, $"No merchant is named \"{merchantName}\"."));
        }

        var result = await services.GetRequiredService<ApiKeyService>().CreateAsync(new CreateApiKey(merchant.Id, name,
            scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), expires), Actor.System);
        if (!result.Succeeded)
        {
            return Reject(result.Error!);
        }

        // Only the key goes to standard output, so a shell can capture it; the rest is for the person running it.
        Console.Error.WriteLine($"Created API key \"{result.Value.Key.Name}\" for {merchant.Name} with scopes {string.Join(", ", result.Value.Key.Scopes)}."
            + " It is shown once, below; the portal keeps only a hash.");
        Console.WriteLine(result.Value.Secret);
        return 0;
    }

    /// <summary>A 20-character password that satisfies the portal's password rules.</summary>
    internal static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "!@#$%^&*-_=+";
        var all = lower + upper + digits + symbols;
        var chars = new List<char>
        {
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 20)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    internal static int Reject(Error error) =>
        Fail(1, string.Join(Environment.NewLine, error.Flatten().Select(e => $"{e.Code}: {e.Message}")));

    internal static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine(message);
        return exitCode;
    }
}
