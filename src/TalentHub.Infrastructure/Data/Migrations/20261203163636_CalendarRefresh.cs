using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarRefresh : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "assessment_keys",
                table: "normalized_records",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            // Records normalized before the column existed: their keys from the stored values.
            migrationBuilder.Sql("""
                UPDATE normalized_records SET assessment_keys = ARRAY(
                    SELECT DISTINCT (v ->> 'method') || ' ' || (v ->> 'assessedAt')
                    FROM jsonb_array_elements(coalesce(observed, values)::jsonb) v
                    WHERE v ->> 'kind' IN ('COMPETENCY', 'POTENTIAL'));
                """);

            migrationBuilder.AddColumn<DateOnly>(
                name: "covers_after",
                table: "index_rebuilds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "evaluation_date",
                table: "index_rebuilds",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_normalized_records_assessment_keys",
                table: "normalized_records",
                column: "assessment_keys")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_normalized_records_assessment_keys",
                table: "normalized_records");

            migrationBuilder.DropColumn(
                name: "assessment_keys",
                table: "normalized_records");

            migrationBuilder.DropColumn(
                name: "covers_after",
                table: "index_rebuilds");

            migrationBuilder.DropColumn(
                name: "evaluation_date",
                table: "index_rebuilds");
        }
    }
}
