using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "analytics",
                table: "profiles",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "complete",
                table: "profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "level_since",
                table: "profiles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "performance_class",
                table: "profiles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "position_since",
                table: "profiles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "unplaced_reasons",
                table: "profiles",
                type: "text[]",
                maxLength: 32,
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "competency_level_counts",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    competency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competency_level_counts", x => new { x.agency_code, x.province_code, x.position_level, x.competency_code, x.method, x.level });
                });

            migrationBuilder.CreateTable(
                name: "nine_box_counts",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    box = table.Column<int>(type: "integer", nullable: false),
                    unplaced = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nine_box_counts", x => new { x.agency_code, x.province_code, x.position_level, x.box, x.unplaced });
                });

            migrationBuilder.CreateTable(
                name: "vacancies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    required_technical = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_agency_code_created_at_id",
                table: "vacancies",
                columns: new[] { "agency_code", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_position_level_agency_code",
                table: "vacancies",
                columns: new[] { "position_level", "agency_code" },
                filter: "closed_at IS NULL");
            // Counts kept by statement-level triggers over the transition tables: every writer of profiles (reconciliation,
            // merges, rebuilds) keeps them current in its own transaction, set-based, and a rollback undoes both.
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_insert", "SELECT *, 1 AS sign FROM new_rows"));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_update", "SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows"));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_delete", "SELECT *, -1 AS sign FROM old_rows"));
            migrationBuilder.Sql("""
                CREATE TRIGGER profiles_counts_insert AFTER INSERT ON profiles REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_insert();
                CREATE TRIGGER profiles_counts_update AFTER UPDATE ON profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_update();
                CREATE TRIGGER profiles_counts_delete AFTER DELETE ON profiles REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_delete();
                """);
            migrationBuilder.Sql(CountsStatements("SELECT *, 1 AS sign FROM profiles"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER profiles_counts_insert ON profiles;
                DROP TRIGGER profiles_counts_update ON profiles;
                DROP TRIGGER profiles_counts_delete ON profiles;
                DROP FUNCTION profiles_counts_on_insert();
                DROP FUNCTION profiles_counts_on_update();
                DROP FUNCTION profiles_counts_on_delete();
                """);
            migrationBuilder.DropTable(
                name: "competency_level_counts");

            migrationBuilder.DropTable(
                name: "nine_box_counts");

            migrationBuilder.DropTable(
                name: "vacancies");

            migrationBuilder.DropColumn(
                name: "analytics",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "complete",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "level_since",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "performance_class",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "position_since",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "unplaced_reasons",
                table: "profiles");
        }
        private static string CountsFunction(string name, string source) => $"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
            {CountsStatements(source)}
                RETURN NULL;
            END
            $fn$;
            """;

        /// <summary>Adds each row's sign to its cells; rows in key order so that concurrent writers lock counters in one order.</summary>
        private static string CountsStatements(string source) => $"""
            INSERT INTO nine_box_counts AS n (agency_code, province_code, position_level, box, unplaced, people)
            SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), coalesce(r.position_level, ''), coalesce(r.box, 0),
                   array_to_string(r.unplaced_reasons, ','), sum(r.sign)
            FROM ({source}) r
            WHERE r.status = 'ACTIVE'
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (agency_code, province_code, position_level, box, unplaced) DO UPDATE SET people = n.people + excluded.people;
            INSERT INTO competency_level_counts AS c (agency_code, province_code, position_level, competency_code, method, level, people)
            SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), r.position_level, l.key, l.value->>'method',
                   (l.value->>'level')::int, sum(r.sign)
            FROM ({source}) r CROSS JOIN LATERAL jsonb_each(r.analytics->'levels') AS l
            WHERE r.status = 'ACTIVE' AND r.position_level IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (agency_code, province_code, position_level, competency_code, method, level) DO UPDATE SET people = c.people + excluded.people;
            """;
    }
}
