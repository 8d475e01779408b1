using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive reference page (<c>/api/reference</c>,
/// Scalar, served from the package with a per-request script nonce and without remote fonts, so it works under
/// the portal's CSP).
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string ReferencePath = "/api/reference";
    private const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Catalog"] = "What can be ordered: types, quantity bounds, input fields and stock.",
        ["Orders"] = "Place orders, poll them, list them and cancel them.",
        ["Refunds"] = "Refund undelivered units to the card or the balance.",
        ["Balance"] = "The merchant's prepaid balance and its movements.",
    };

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer(Describe);
        });

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Merchant Portal API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DocumentName)
                .DisableDefaultFonts()
                .WithCustomCss(ApiReferencePage.AccessibleColours)
                .WithNonce())
            .WithDocumentLanguage()
            .AllowAnonymous();
        return app;
    }

    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Merchant Portal API",
            Version = "v1",
            Description = "Place and follow orders, refund undelivered units, read the catalog and the balance. "
                + "Authenticate with `Authorization: Bearer mp_test_…`; errors are RFC 9457 problems with a stable `code`.",
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://docs.merchantportal.example/terms") },
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "mp_live_… / mp_test_…",
            Description = "An API key created in the portal (Admin → API keys), sent as a bearer token.",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= tag.Name is { } name ? TagDescriptions.GetValueOrDefault(name) : null;
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        }

        return Task.CompletedTask;
    }
}
