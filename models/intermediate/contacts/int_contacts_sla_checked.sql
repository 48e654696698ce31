-- One row per contact: the SLA policy that applies to it (int_contacts_sla_policies) and the
-- verdicts of its first response and resolution on the policy's time basis (calendar or
-- business minutes); no_policy where no policy sets that target.
with

durations as (

    select * from {{ ref('int_contacts_durations') }}

),

policies as (

    select * from {{ ref('int_contacts_sla_policies') }}

),

in_policy_basis as (

    select
        durations.*,
        policies.sla_policy_id,
        policies.sla_time_basis,
        policies.first_response_target_minutes as sla_first_response_target_minutes,
        policies.resolution_target_minutes as sla_resolution_target_minutes,
        case
            when policies.sla_time_basis = 'business' then durations.first_response_business_minutes
            else durations.first_response_calendar_minutes
        end as sla_first_response_minutes,
        case
            when policies.sla_time_basis = 'business' then durations.resolution_business_minutes
            else durations.resolution_calendar_minutes
        end as sla_resolution_minutes,
        case
            when policies.sla_time_basis = 'business' then durations.open_age_business_minutes
            else durations.open_age_calendar_minutes
        end as sla_open_age_minutes
    from durations
    left join policies on durations.contact_id = policies.contact_id

),

final as (

    select
        contact_id,
        sla_policy_id,
        sla_time_basis,
        sla_first_response_target_minutes,
        sla_resolution_target_minutes,
        case
            when sla_first_response_target_minutes is null then 'no_policy'
            when first_agent_reply_at is not null
                then case when sla_first_response_minutes <= sla_first_response_target_minutes then 'achieved'
                        else 'breached'
                    end
            when is_solved then 'not_applicable'
            when sla_open_age_minutes > sla_first_response_target_minutes then 'breached'
            else 'running'
        end as first_response_sla_status,
        case
            when sla_resolution_target_minutes is null then 'no_policy'
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
