using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShardedCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_nine_box_counts",
                table: "nine_box_counts");

            migrationBuilder.DropPrimaryKey(
                name: "pk_competency_level_counts",
                table: "competency_level_counts");

            migrationBuilder.AddColumn<short>(
                name: "shard",
                table: "nine_box_counts",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddColumn<short>(
                name: "shard",
                table: "competency_level_counts",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_nine_box_counts",
                table: "nine_box_counts",
                columns: new[] { "agency_code", "province_code", "position_level", "box", "unplaced", "shard" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_competency_level_counts",
                table: "competency_level_counts",
                columns: new[] { "agency_code", "province_code", "position_level", "competency_code", "method", "level", "shard" });

            migrationBuilder.Sql(CountsFunction("profiles_counts_on_insert", "SELECT *, 1 AS sign FROM new_rows", Shard));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_update", "SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows", Shard));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_delete", "SELECT *, -1 AS sign FROM old_rows", Shard));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_nine_box_counts",
                table: "nine_box_counts");

            migrationBuilder.DropPrimaryKey(
                name: "pk_competency_level_counts",
                table: "competency_level_counts");

            // Each cell's shards folded into one row before the shard leaves the key.
            migrationBuilder.Sql("""
                CREATE TEMP TABLE folded_nine_box AS
                    SELECT agency_code, province_code, position_level, box, unplaced, 0::smallint AS shard, sum(people)::bigint AS people
                    FROM nine_box_counts GROUP BY 1, 2, 3, 4, 5;
                DELETE FROM nine_box_counts;
                INSERT INTO nine_box_counts (agency_code, province_code, position_level, box, unplaced, shard, people) SELECT * FROM folded_nine_box;
                DROP TABLE folded_nine_box;
                CREATE TEMP TABLE folded_levels AS
                    SELECT agency_code, province_code, position_level, competency_code, method, level, 0::smallint AS shard, sum(people)::bigint AS people
                    FROM competency_level_counts GROUP BY 1, 2, 3, 4, 5, 6;
                DELETE FROM competency_level_counts;
                INSERT INTO competency_level_counts (agency_code, province_code, position_level, competency_code, method, level, shard, people)
                    SELECT * FROM folded_levels;
                DROP TABLE folded_levels;
                """);

            migrationBuilder.DropColumn(
                name: "shard",
                table: "nine_box_counts");

            migrationBuilder.DropColumn(
                name: "shard",
                table: "competency_level_counts");

            migrationBuilder.AddPrimaryKey(
                name: "pk_nine_box_counts",
                table: "nine_box_counts",
                columns: new[] { "agency_code", "province_code", "position_level", "box", "unplaced" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_competency_level_counts",
                table: "competency_level_counts",
                columns: new[] { "agency_code", "province_code", "position_level", "competency_code", "method", "level" });

            migrationBuilder.Sql(CountsFunction("profiles_counts_on_insert", "SELECT *, 1 AS sign FROM new_rows", NoShard));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_update", "SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows", NoShard));
            migrationBuilder.Sql(CountsFunction("profiles_counts_on_delete", "SELECT *, -1 AS sign FROM old_rows", NoShard));
        }

        /// <summary>The shard a transaction adds to: one of eight, by its transaction id.</summary>
        private const string Shard = "(txid_current() % 8)::smallint";

        /// <summary>Before shards: one row per cell.</summary>
        private const string NoShard = "";

        private static string CountsFunction(string name, string source, string shard) => $"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
            {CountsStatements(source, shard)}
                RETURN NULL;
            END
            $fn$;
            """;

        /// <summary>
        /// Adds each row's sign to its cells (in the transaction's shard when there are shards); rows in key order so
        /// that concurrent writers of one shard lock counters in one order.
        /// </summary>
        private static string CountsStatements(string source, string shard)
        {
            var column = shard.Length == 0 ? "" : ", shard";
            var value = shard.Length == 0 ? "" : ", " + shard;
            return $"""
                INSERT INTO nine_box_counts AS n (agency_code, province_code, position_level, box, unplaced{column}, people)
                SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), coalesce(r.position_level, ''), coalesce(r.box, 0),
                       array_to_string(r.unplaced_reasons, ','){value}, sum(r.sign)
                FROM ({source}) r
                WHERE r.status = 'ACTIVE'
                GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (agency_code, province_code, position_level, box, unplaced{column}) DO UPDATE SET people = n.people + excluded.people;
                INSERT INTO competency_level_counts AS c (agency_code, province_code, position_level, competency_code, method, level{column}, people)
                SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), r.position_level, l.key, l.value->>'method',
                       (l.value->>'level')::int{value}, sum(r.sign)
                FROM ({source}) r CROSS JOIN LATERAL jsonb_each(r.analytics->'levels') AS l
                WHERE r.status = 'ACTIVE' AND r.position_level IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
                ON CONFLICT (agency_code, province_code, position_level, competency_code, method, level{column}) DO UPDATE SET people = c.people + excluded.people;
                """;
        }
    }
}
