using Microsoft.EntityFrameworkCore.Migrations;
using TalentHub.Infrastructure.Analytics;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsReadPaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "nine_box_national_counts",
                columns: table => new
                {
                    box = table.Column<int>(type: "integer", nullable: false),
                    unplaced = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nine_box_national_counts", x => new { x.box, x.unplaced });
                });

            migrationBuilder.CreateIndex(
                name: "ix_nine_box_counts_shard",
                table: "nine_box_counts",
                column: "shard",
                filter: "shard <> -1");

            migrationBuilder.CreateIndex(
                name: "ix_competency_rollup_counts_rollup",
                table: "competency_rollup_counts",
                column: "rollup");

            migrationBuilder.Sql(CounterFold.BackfillNineBoxNational);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nine_box_national_counts");

            migrationBuilder.DropIndex(
                name: "ix_nine_box_counts_shard",
                table: "nine_box_counts");

            migrationBuilder.DropIndex(
                name: "ix_competency_rollup_counts_rollup",
                table: "competency_rollup_counts");
        }
    }
}
