{#- The event models are built per contact. On DuckDB and PostgreSQL they are incremental:
    a build deletes and re-inserts the rows of every contact loaded after the latest contact
    the model holds (int_contacts_loaded), so replies, reopens, late events and new messages
    on old contacts come out as a full refresh would. Spark's Parquet tables cannot delete
    rows, so there they are tables. With var as_of set the data end cuts every contact's
    events, so none is settled: the models are rebuilt whole. A change to a seed or another
    var is not seen by the loader's stamps: `dbt build --full-refresh` after one (README). -#}
{% macro config_contact_incremental() -%}
    {%- if target.type == 'spark' -%}
        {{ config(materialized='table') }}
    {%- else -%}
        {{ config(
            materialized='incremental',
            incremental_strategy='delete+insert',
            unique_key='contact_id',
            on_schema_change='fail',
            full_refresh=(true if var('as_of', '') else none)
        ) }}
    {%- endif -%}
{%- endmacro %}

{#- True for the rows of contacts loaded after the latest contact this model holds (every
    row on a first or full build); `contact_loaded_at` is the row's int_contacts_loaded
    stamp, carried by every incremental event model. -#}
{% macro loaded_after_this(contact_loaded_at) -%}
    {%- if is_incremental() -%}
        {%- if execute and 'contact_loaded_at' not in adapter.get_columns_in_relation(this) | map(attribute='name')
            | map('lower') | list -%}
            {{ exceptions.raise_compiler_error(
                this.identifier ~ ' was built before incremental builds (no contact_loaded_at): run '
                ~ '`dbt build --full-refresh` once'
            ) }}
        {%- endif -%}
        {{ contact_loaded_at }} > (
            select coalesce(max(contact_loaded_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
            from {{ this }}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
