using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The competency map's rollups (competency_rollup_counts: per agency, per province and per method, each by position
    /// level and competency, levels 1–5 as columns), filled from the counted cells and kept by the counting triggers.
    /// </summary>
    public partial class AnalyticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "competency_rollup_counts",
                columns: table => new
                {
                    rollup = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    group_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    competency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    shard = table.Column<short>(type: "smallint", nullable: false),
                    level1 = table.Column<long>(type: "bigint", nullable: false),
                    level2 = table.Column<long>(type: "bigint", nullable: false),
                    level3 = table.Column<long>(type: "bigint", nullable: false),
                    level4 = table.Column<long>(type: "bigint", nullable: false),
                    level5 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competency_rollup_counts", x => new { x.rollup, x.group_code, x.position_level, x.competency_code, x.shard });
                });

            migrationBuilder.Sql(ProfileCountTriggers.BackfillRollups);
            foreach (var function in ProfileCountTriggers.Functions(withRollups: true))
            {
                migrationBuilder.Sql(function);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var function in ProfileCountTriggers.Functions(withRollups: false))
            {
                migrationBuilder.Sql(function);
            }

            migrationBuilder.DropTable(
                name: "competency_rollup_counts");
        }
    }
}
