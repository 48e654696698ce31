{#- A warehouse fed only by a connector (the Zendesk adapter) has no raw schema: `swh load`
    never ran. The helpdesk staging views read every raw table, so each one that is absent is
    created empty, with the columns and types of its source YAML (rendered from the raw
    contract), and the build says so. Tables `swh load` wrote are never touched. Not on Spark,
    whose raw tables are the loader's Parquet folders (spark_raw_tables.sql). It runs as the
    last on-run-start hook and commits its own statements: the build log's hooks before it
    share one transaction, which record_build_start commits. -#}
{% macro create_missing_raw_tables() %}
    {%- if execute and flags.WHICH in ('build', 'run', 'test', 'seed') and target.type != 'spark' -%}
        {%- set types = {
            'string': dbt.type_string(),
            'integer': dbt.type_bigint(),
            'decimal': dbt.type_numeric(),
            'boolean': dbt.type_boolean(),
            'timestamp': dbt.type_timestamp(),
            'date': 'date',
        } -%}
        {%- set created = [] -%}
        {%- for source in graph.sources.values() if source.source_name == 'helpdesk' -%}
            {%- set existing = adapter.get_relation(
                database=source.database, schema=source.schema, identifier=source.identifier
            ) -%}
            {%- if existing is none -%}
                {%- set columns = [] -%}
                {%- for column in source.columns.values() -%}
                    {%- do columns.append(column.name ~ ' ' ~ types[column.data_type]) -%}
                {%- endfor -%}
                {#- auto_begin: opens the transaction the commit below ends (run_query opens none) -#}
                {% call statement('create_missing_raw_table', auto_begin=true) %}
                    create schema if not exists {{ source.schema }}
                {% endcall %}
                {% call statement('create_missing_raw_table', auto_begin=true) %}
                    create table {{ source.schema }}.{{ source.identifier }} ({{ columns | join(', ') }})
                {% endcall %}
                {%- do created.append(source.identifier) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if created -%}
            {% do adapter.commit() %}
            {{ log('raw tables absent, created empty: ' ~ created | join(', '), info=true) }}
        {%- endif -%}
    {%- endif -%}
    select 1
{% endmacro %}
