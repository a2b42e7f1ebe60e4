using Integrations.Storage.Specification.PostgreSql;

// Without a PostgreSQL server (TEST_PG unset) the tests that need one are reported skipped, with the reason.
[assembly: TestFramework(PostgreSqlAwareTestFramework.TypeName, PostgreSqlAwareTestFramework.AssemblyName)]
