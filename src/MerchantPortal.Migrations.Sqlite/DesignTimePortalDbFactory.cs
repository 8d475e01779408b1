using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MerchantPortal.Migrations.Sqlite;

/// <summary>
/// Lets `dotnet ef migrations add` build the model for this provider without starting the app:
/// <c>dotnet ef migrations add Name --project src/MerchantPortal.Migrations.Sqlite</c>.
/// </summary>
public sealed class DesignTimePortalDbFactory : IDesignTimeDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDb>();
        options.UsePortalDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new PortalDb(options.Options);
    }
}
