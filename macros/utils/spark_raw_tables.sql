{#- On Spark the raw schema is the Parquet folder `swh load --target spark` writes: every
    build registers each table of it (a metadata-only statement) before anything reads it,
    so a build always sees the load `current` points at. No-op on other adapters, whose raw
    schema the loader writes directly. -#}
{% macro register_raw_tables() -%}
    {{ return(adapter.dispatch('register_raw_tables', 'service_warehouse')()) }}
{%- endmacro %}

{% macro default__register_raw_tables() -%}
    select 1
{%- endmacro %}

{% macro spark__register_raw_tables() -%}
    {%- if execute and flags.WHICH in ('build', 'run', 'test', 'seed', 'compile', 'show') -%}
        {%- set location = env_var('SWH_SPARK_RAW', 'warehouse/spark/raw') ~ '/current' -%}
        {%- set schema = var('raw_schema') -%}
        {% do run_query('create database if not exists ' ~ schema) %}
        {%- for source in graph.sources.values() if source.source_name == 'helpdesk' -%}
            {% do run_query('drop table if exists ' ~ schema ~ '.' ~ source.name) %}
            {% do run_query(
                'create table ' ~ schema ~ '.' ~ source.name ~ ' using parquet location '
                ~ "'" ~ location ~ '/' ~ source.name ~ "'"
            ) %}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}

{#- Apache Spark has no SQL grants (access is the storage's and the metastore's): the marts'
    `grants` config applies on PostgreSQL and is skipped here. -#}
{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}

{#- The contracts' column constraints (not null, checks) are enforced by DuckDB and PostgreSQL as
    each table is written. The project's Spark tables are Parquet, which takes none (dbt-spark
    would try `alter column ... set not null` and fail): they are not persisted here, and the
    suite proves the Spark tables equal DuckDB's row for row instead. -#}
{% macro spark__persist_constraints(relation, model) -%}
{%- endmacro %}

{#- Seed rows on Spark as SQL literals. dbt-spark 1.11's session method substitutes bindings
    unescaped and writes an empty cell as the text 'None', so a holiday named "New Year's
    Day" fails and an empty subdivision would become 'None'; here every value is a literal:
    null for an empty cell, strings with quotes and backslashes escaped. -#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    {%- set type = column_override.get(agate_table.column_names[loop.index0],
                        adapter.convert_type(agate_table, loop.index0)) -%}
                    {%- if value is none -%}
                        cast(null as {{ type }})
                    {%- else -%}
                        cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ type }})
                    {%- endif -%}
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}){%- if not loop.last %},{% endif %}
            {% endfor -%}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}
