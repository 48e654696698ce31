{#- The contact models are built per contact. On DuckDB and PostgreSQL they are incremental:
    a build rebuilds every contact loaded after the latest contact the model holds
    (int_contacts_loaded), so replies, reopens, late events and new messages on old contacts
    come out as a full refresh would. A model that times open contacts names the rows of a
    contact still open in it (`still_open`, a condition on its own columns): those contacts are
    rebuilt too, since their open age runs to the data end, which moves with every load.
    Spark's Parquet tables cannot delete rows, so there they are tables. With var as_of set the
    data end cuts every contact's events, so none is settled: the models are rebuilt whole. A
    change to a seed or another var is not seen by the loader's stamps: `dbt build
    --full-refresh` after one (README). -#}
{% macro config_contact_incremental(still_open=none) -%}
    {%- if target.type == 'spark' -%}
        {{ config(materialized='table', contact_still_open=still_open) }}
    {%- else -%}
        {{ config(
            materialized='incremental',
            incremental_strategy='contact_rebuild',
            unique_key='contact_id',
            on_schema_change='fail',
            full_refresh=(true if var('as_of', '') else none),
            contact_still_open=still_open
        ) }}
    {%- endif -%}
{%- endmacro %}

{#- The latest contact stamp this model holds. -#}
{% macro _latest_stamp_in(relation) -%}
    (select coalesce(max(contact_loaded_at), cast('1900-01-01' as {{ dbt.type_timestamp() }})) from {{ relation }})
{%- endmacro %}

{#- True for the rows of contacts loaded after the latest contact this model holds (every
    row on a first or full build); `contact_loaded_at` is the row's int_contacts_loaded
    stamp, carried by every incremental contact model. -#}
{% macro loaded_after_this(contact_loaded_at) -%}
    {%- if is_incremental() -%}
        {%- if execute and 'contact_loaded_at' not in adapter.get_columns_in_relation(this) | map(attribute='name')
            | map('lower') | list -%}
            {{ exceptions.raise_compiler_error(
                this.identifier ~ ' was built before incremental builds (no contact_loaded_at): run '
                ~ '`dbt build --full-refresh` once'
            ) }}
        {%- endif -%}
        {{ contact_loaded_at }} > {{ _latest_stamp_in(this) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- loaded_after_this, and also the contacts this model holds as still open (its config's
    `contact_still_open`). -#}
{% macro loaded_after_this_or_open(contact_loaded_at, contact_id) -%}
    {%- set still_open = config.get('contact_still_open') -%}
    {#- a unit test renders the model under its own config, which has no still_open -#}
    {%- if execute and model.resource_type == 'model' and not still_open -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ' reads loaded_after_this_or_open without config_contact_incremental(still_open=...)'
        ) }}
    {%- endif -%}
    {%- if is_incremental() -%}
        ({{ loaded_after_this(contact_loaded_at) }}
        or {{ contact_id }} in (select contact_id from {{ this }} where {{ still_open }}))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The incremental strategy of the contact models: delete the rows of every contact this build
    rebuilt, then insert the new rows. dbt's delete+insert deletes only the contacts the new rows
    name, which leaves behind the old rows of a rebuilt contact that now has none (a contact
    solved at its creation has no stage; one found solved before midnight has no open
    snapshot). The rebuilt contacts are the ones the models select (loaded_after_this and
    loaded_after_this_or_open), read before anything is deleted: the stamp comparison and the
    still-open rows see the table as the select saw it. -#}
{% macro get_incremental_contact_rebuild_sql(arg_dict) -%}
    {%- set target_relation = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {#- looked up, not ref'd: every contact model already builds after int_contacts_loaded -#}
    {%- set contacts_loaded = graph.nodes['model.' ~ project_name ~ '.int_contacts_loaded'].relation_name -%}
    {%- set still_open = config.get('contact_still_open') -%}
    delete from {{ target_relation }}
    where contact_id in (select contact_id from {{ arg_dict['temp_relation'] }})
        or contact_id in (
            select contact_id from {{ contacts_loaded }}
            where loaded_at > {{ _latest_stamp_in(target_relation) }}
        )
        {%- if still_open %}
        or contact_id in (select contact_id from {{ target_relation }} where {{ still_open }})
        {%- endif %};

    insert into {{ target_relation }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}
