using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace MerchantPortal.IntegrationTests.Data;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=MerchantPortal;Trusted_Connection=True")]
    public void Each_provider_has_migrations_for_every_model_change(DatabaseProvider provider, string connectionString)
    {
        using var db = CreateDb(provider, connectionString);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model: add a migration to {provider} (see docs/development.md).");
    }

    [Fact]
    public void The_sql_server_idempotent_migration_script_parses_without_errors()
    {
        using var db = CreateDb(DatabaseProvider.SqlServer, "Server=localhost;Database=MerchantPortal;Trusted_Connection=True");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        var tables = new CreatedTables();
        fragment.Accept(tables);
        Assert.Contains("AspNetUsers", tables.Names);
        Assert.Contains("Merchants", tables.Names);
    }

    /// <summary>Collects CREATE TABLE statements, also those nested in the idempotent script's IF blocks.</summary>
    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }

    private static PortalDb CreateDb(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDb>();
        options.UsePortalDatabase(provider, connectionString);
        return new PortalDb(options.Options);
    }
}
