using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.Web.Security;

/// <summary>
/// The Content-Security-Policy source (<c>'sha256-…'</c>) that allows the import map Blazor's <c>&lt;ImportMap /&gt;</c>
/// writes inline into every page. The map comes from the endpoint's <see cref="ImportMapDefinition"/> (the fingerprinted
/// static assets of this build), which the component renders as its JSON text (<see cref="ImportMapDefinition.ToString"/>); its hash is
/// therefore fixed per build and computed once per definition. See docs/decisions/0017-import-map-allowed-by-hash.md.
/// </summary>
public static class ImportMapHash
{
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> Hashes = [];

    /// <summary>The hash source for the endpoint's import map, or null when the endpoint renders none.</summary>
    public static string? For(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } definition
            ? Hashes.GetValue(definition, static d => Of(d.ToString()))
            : null;

    /// <summary>The CSP hash source of an inline script's exact text.</summary>
    public static string Of(string scriptText) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(scriptText)))}'";
}
