-- One row per contact: the SLA policy that applies to it (the most specific of those matching
-- its priority and channel) and the verdicts of its first response and resolution, on the
-- policy's time basis (calendar or business minutes).
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

durations as (

    select * from {{ ref('int_contacts_durations') }}

),

sla_policies as (

    select * from {{ ref('sla_policies') }}

),

matching_policies as (

    select
        contacts.contact_id,
        sla_policies.policy_id,
        sla_policies.time_basis,
        sla_policies.first_response_target_minutes,
        sla_policies.resolution_target_minutes,
        row_number() over (
            partition by contacts.contact_id
            order by case when sla_policies.channel = 'any' then 1 else 0 end, sla_policies.policy_id
        ) as specificity_rank
    from contacts
    inner join sla_policies
        on
            contacts.priority = sla_policies.priority
            and (contacts.channel = sla_policies.channel or sla_policies.channel = 'any')

),

in_policy_basis as (

    select
        durations.*,
        matching_policies.policy_id as sla_policy_id,
        matching_policies.time_basis as sla_time_basis,
        matching_policies.first_response_target_minutes as sla_first_response_target_minutes,
        matching_policies.resolution_target_minutes as sla_resolution_target_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.first_response_business_minutes
            else durations.first_response_calendar_minutes
        end as sla_first_response_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.resolution_business_minutes
            else durations.resolution_calendar_minutes
        end as sla_resolution_minutes,
        case
            when matching_policies.time_basis = 'business' then durations.open_age_business_minutes
            else durations.open_age_calendar_minutes
        end as sla_open_age_minutes
    from durations
    left join matching_policies
        on durations.contact_id = matching_policies.contact_id and matching_policies.specificity_rank = 1

),

final as (

    select
        contact_id,
        sla_policy_id,
        sla_time_basis,
        sla_first_response_target_minutes,
        sla_resolution_target_minutes,
        case
            when sla_policy_id is null then 'no_policy'
            when first_agent_reply_at is not null
                then case when sla_first_response_minutes <= sla_first_response_target_minutes then 'achieved'
                        else 'breached'
                    end
            when is_solved then 'not_applicable'
            when sla_open_age_minutes > sla_first_response_target_minutes then 'breached'
            else 'running'
        end as first_response_sla_status,
        case
            when sla_policy_id is null then 'no_policy'
            when is_solved
                then case when sla_resolution_minutes <= sla_resolution_target_minutes then 'achieved'
                        else 'breached'
                    end
            when sla_open_age_minutes > sla_resolution_target_minutes then 'breached'
            else 'running'
        end as resolution_sla_status
    from in_policy_basis

)

select * from final
