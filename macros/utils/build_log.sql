{#- The build log: which dbt invocation built which model from which raw load, and whether
    the invocation finished. `swh publish` reads it and refuses to publish marts of a build
    that was interrupted or failed, or that were built from different raw loads. Written by
    the on-run-start and on-run-end hooks in dbt_project.yml. -#}

{% macro build_log_schema() -%}{{ var('build_log_schema', 'audit') }}{%- endmacro %}

{#- Not on Spark: `swh publish` publishes DuckDB builds, and Spark's readers use the tables
    of its metastore directly (Parquet tables take no `update` either). -#}
{%- macro _build_logged() -%}
    {{ return(execute and flags.WHICH in ('build', 'run', 'test') and target.type != 'spark') }}
{%- endmacro -%}

{% macro create_build_log() %}
    {%- if _build_logged() -%}
        {% do run_query("create schema if not exists " ~ build_log_schema()) %}
        {% do run_query(
            "create table if not exists " ~ build_log_schema() ~ ".dbt_invocations ("
            ~ "invocation_id varchar(64), command varchar(16), started_at timestamp, ended_at timestamp, "
            ~ "status varchar(16), raw_load_id varchar(64), vars_json varchar(4000))"
        ) %}
        {% do run_query(
            "create table if not exists " ~ build_log_schema() ~ ".dbt_model_runs ("
            ~ "invocation_id varchar(64), model_name varchar(256), status varchar(16), recorded_at timestamp)"
        ) %}
        {#- Which schema a model was written to and whether it is public: `swh publish` publishes
            every public model. Added to logs created before these columns existed. -#}
        {% do run_query("alter table " ~ build_log_schema() ~ ".dbt_model_runs add column if not exists schema_name varchar(256)") %}
        {% do run_query("alter table " ~ build_log_schema() ~ ".dbt_model_runs add column if not exists access varchar(16)") %}
        {#- The time zone the build's dates are in: the published marts (and the dashboard) state it. -#}
        {% do run_query("alter table " ~ build_log_schema() ~ ".dbt_invocations add column if not exists reporting_time_zone varchar(64)") %}
    {%- endif -%}
    select 1
{% endmacro %}

{#- The latest raw load that changed anything, or null when the raw schema has no load log. -#}
{% macro latest_raw_load_id() -%}
    {%- set log = adapter.get_relation(database=target.database, schema=var('raw_schema'), identifier='_load_log') -%}
    {%- if log is none -%}
        cast(null as varchar(64))
    {%- else -%}
        (select max(load_id) from {{ log }} where loaded_at = (
            select max(loaded_at) from {{ log }} where rows_inserted + rows_replaced > 0
        ))
    {%- endif -%}
{%- endmacro %}

{#- Hooks run their statements through run_query and commit them: dbt rolls back what the
    on-run-start hooks wrote otherwise. -#}
{% macro record_build_start() %}
    {%- if _build_logged() -%}
        {%- set sql -%}
        insert into {{ build_log_schema() }}.dbt_invocations
            (invocation_id, command, started_at, ended_at, status, raw_load_id, vars_json, reporting_time_zone)
        select
            '{{ invocation_id }}',
            '{{ flags.WHICH }}',
            cast({{ dbt.current_timestamp() }} as timestamp),
            cast(null as timestamp),
            'running',
            {{ latest_raw_load_id() }},
            '{{ (invocation_args_dict.get("vars") or {}) | tojson | replace("'", "''") }}{{ " --empty" if flags.EMPTY else "" }}',
            '{{ var("reporting_time_zone", "UTC") }}'
        {%- endset -%}
        {% do run_query(sql) %}
        {% do adapter.commit() %}
    {%- endif -%}
    select 1
{% endmacro %}

{% macro record_build_end(results) %}
    {%- if _build_logged() -%}
        {%- set ns = namespace(failed=false, rows=[]) -%}
        {%- for result in results -%}
            {%- set status = result.status | string -%}
            {%- if status in ('error', 'fail', 'runtime error') -%}{%- set ns.failed = true -%}{%- endif -%}
            {%- if result.node.resource_type == 'model' and status in ('success', 'error') -%}
                {%- do ns.rows.append((result.node.unique_id, 'built' if status == 'success' else 'failed')) -%}
            {%- elif result.node.resource_type in ('test', 'unit_test') and status in ('error', 'fail') -%}
                {%- for dependency in result.node.depends_on.nodes if dependency.startswith('model.') -%}
                    {%- do ns.rows.append((dependency, 'failed')) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if ns.rows -%}
            {%- set values = [] -%}
            {%- for unique_id, status in ns.rows -%}
                {%- set node = graph.nodes[unique_id] -%}
                {%- do values.append("('" ~ invocation_id ~ "', '" ~ node.name ~ "', '" ~ status ~ "', cast("
                    ~ dbt.current_timestamp() ~ " as timestamp), '" ~ node.schema ~ "', '" ~ node.access ~ "')") -%}
            {%- endfor -%}
            {% do run_query(
                "insert into " ~ build_log_schema() ~ ".dbt_model_runs "
                ~ "(invocation_id, model_name, status, recorded_at, schema_name, access) values " ~ values | join(", ")
            ) %}
        {%- endif -%}
        {%- set sql -%}
        update {{ build_log_schema() }}.dbt_invocations
        set ended_at = cast({{ dbt.current_timestamp() }} as timestamp),
            status = '{{ "failed" if ns.failed else "success" }}'
        where invocation_id = '{{ invocation_id }}'
        {%- endset -%}
        {% do run_query(sql) %}
    {%- endif -%}
    select 1
{% endmacro %}
