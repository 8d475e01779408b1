using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MerchantPortal.Migrations.SqlServer;

/// <summary>
/// Lets `dotnet ef migrations add` build the model for this provider without starting the app:
/// <c>dotnet ef migrations add Name --project src/MerchantPortal.Migrations.SqlServer</c>.
/// </summary>
public sealed class DesignTimePortalDbFactory : IDesignTimeDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDb>();
        options.UsePortalDatabase(DatabaseProvider.SqlServer, "Server=localhost;Database=MerchantPortal;Trusted_Connection=True;TrustServerCertificate=True");
        return new PortalDb(options.Options);
    }
}
