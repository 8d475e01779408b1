using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MerchantPortal;

public static class CoreRegistration
{
    /// <summary>
    /// Registers the shared service layer: the database on the configured provider, identity stores,
    /// Data Protection keys in the database, and the domain services.
    /// </summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = PortalDbProvider.ResolveConnectionString(
            database.Provider,
            builder.Configuration.GetConnectionString("Portal")
                ?? throw new InvalidOperationException("ConnectionStrings:Portal is not configured."),
            builder.Environment.ContentRootPath);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddDbContextFactory<PortalDb>(options => options.UsePortalDatabase(database.Provider, connectionString));
        services.TryAddSingleton(TimeProvider.System);

        services.AddPortalIdentity();
        services.AddDataProtection()
            .SetApplicationName("MerchantPortal")
            .PersistKeysToDbContext<PortalDb>();

        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<MerchantService>();
        services.AddSingleton<UserAdminService>();
        return builder;
    }
}
